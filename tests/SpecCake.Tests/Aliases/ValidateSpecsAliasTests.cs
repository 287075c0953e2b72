using Cake.Core;
using Cake.Core.Diagnostics;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Specs;
using SpecCake.Tests.Configuration;
using SpecCake.Tests.Delivery;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Aliases;

public sealed class ValidateSpecsAliasTests
{
    private const string Config = "specs:\n  paths: [\"specs/**/*.yaml\"]\n";

    [Fact]
    public void ValidateSpecs_ValidRepository_LogsSuccessAndDoesNotThrow()
    {
        var context = new TestCakeContext(TestConfig.RepositoryRoot(), new Dictionary<string, string?>());

        context.ValidateSpecs(new ValidateSpecsSettings());

        Assert.DoesNotContain(context.Lines.All, line => line.Level == LogLevel.Error);
        Assert.Contains(context.Lines.All, line => line.Text == "4 spec file(s) and specs.config.yaml are valid.");
    }

    [Fact]
    public void ValidateSpecs_InvalidSpecAndConfig_LogsEachErrorAndThrowsWithTheCount()
    {
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", Config + "integrations:\n  slack:\n    enabeld: true\n")
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: done\n");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?>());

        var exception = Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Equal("2 spec/config error(s)", exception.Message);
        Assert.Equal(
            [
                "specs.config.yaml:5:5: unknown key 'enabeld' in integrations.slack; did you mean 'enabled'?",
                "specs/FEAT-0001.yaml:3:9: status has the invalid value 'done'; valid values: draft, review, approved, implemented",
            ],
            context.Lines.All.Where(line => line.Level == LogLevel.Error).Select(line => line.Text));
        Assert.DoesNotContain(context.Lines.All, line => line.Text.StartsWith("::error", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateSpecs_InsideGitHubActions_PrintsAnnotationsAndAppendsTheStepSummary()
    {
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", Config)
            .Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: draft\nseverity: SEV9\n")
            .Write("summary.md", "# earlier step\n");
        var summary = Path.Combine(tree.Path, "summary.md");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Contains(context.Lines.All, line => line.Text == "::error file=specs/features/FEAT-0001.yaml,line=4,col=11::severity has the invalid value 'SEV9'; did you mean 'SEV1'? valid values: SEV1, SEV2, SEV3, SEV4");
        var markdown = File.ReadAllText(summary);
        Assert.StartsWith("# earlier step\n## SpecCake: ValidateSpecs", markdown, StringComparison.Ordinal);
        Assert.Contains("| <code>specs/features/FEAT-0001.yaml</code> | 4 | 11 | severity has the invalid value 'SEV9'; did you mean 'SEV1'? valid values: SEV1, SEV2, SEV3, SEV4 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSpecs_WorkflowCommandsInSpecContent_NoLineIsACommandButItsOwnAnnotations()
    {
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", Config)
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: \"finished\\n::error file=README.md,line=1::INJECTED\"\n\"k\\r::warning::KEY\": 1\n\"##[error]LEGACY\": 2\n")
            .Write("specs/A-0001\n::error::NAMED.yaml", "id: A-0001\ntitle: t\nstatus: draft\n");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        var lines = context.Lines.All.SelectMany(line => line.Text.Split('\n', '\r')).ToArray();
        Assert.Contains("specs/FEAT-0001.yaml:3:9: status has the invalid value 'finished\\n::error file=README.md,line=1::INJECTED'; valid values: draft, review, approved, implemented", lines);
        Assert.Contains("specs/A-0001\\n::error::NAMED.yaml:1:5: id 'A-0001' does not match the file name 'A-0001\\n::error::NAMED.yaml'; rename the file to A-0001.yaml or set id: A-0001\\n::error::NAMED", lines);
        Assert.All(lines, line => Assert.True(!line.TrimStart().StartsWith("::", StringComparison.Ordinal) || line.StartsWith("::error file=specs/", StringComparison.Ordinal), line));
        Assert.All(lines, line => Assert.DoesNotContain("##[", line, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateSpecs_HundredsOfErrors_PrintsTheFirstHundredAndCountsTheRest()
    {
        using var tree = new SpecRepository().Write("specs.config.yaml", Config);
        for (var index = 0; index < 150; index++)
        {
            tree.Write($"specs/FEAT-{index:D4}.yaml", $"id: FEAT-{index:D4}\ntitle: t\nstatus: done\n");
        }

        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?>());

        var exception = Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Equal("150 spec/config error(s)", exception.Message);
        var errors = context.Lines.All.Where(line => line.Level == LogLevel.Error).Select(line => line.Text).ToArray();
        Assert.Equal(101, errors.Length);
        Assert.Equal("... and 50 more error(s) in 50 file(s) not listed; fix the ones above and run again", errors[^1]);
    }

    [Fact]
    public void ValidateSpecs_GlobProblems_AreErrorsAtTheirPlaceInTheConfig()
    {
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", "specs:\n  paths:\n    - \"specs/**/*.yaml\"\n    - \"spec/**/*.yaml\"\n    - \"specs/\\0/*.yaml\"\n")
            .Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?>());

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Equal(
            [
                "specs.config.yaml:4:7: specs.paths[1] 'spec/**/*.yaml' matches no file",
                "specs.config.yaml:5:7: specs.paths[2] 'specs/\\0/*.yaml' holds a control character; a glob is a path such as specs/**/*.yaml",
            ],
            context.Lines.All.Where(line => line.Level == LogLevel.Error).Select(line => line.Text));
    }

    [Fact]
    public void ValidateSpecs_LinkNotFollowed_IsAWarningAndAnAnnotation()
    {
        using var tree = new SpecRepository().Write("specs.config.yaml", Config).Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));
        Directory.CreateSymbolicLink(Path.Combine(tree.Path, "specs", "loop"), "..");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });

        context.ValidateSpecs(new ValidateSpecsSettings());

        const string Reason = "not followed: a symbolic link to '..', a folder read already (a loop, or a second way to the same files)";
        Assert.Contains(context.Lines.All, line => line.Level == LogLevel.Warning && line.Text == "specs/loop: " + Reason);
        Assert.Contains(context.Lines.All, line => line.Text == "::warning file=specs/loop::" + Reason);
        Assert.Contains(context.Lines.All, line => line.Text == "1 spec file(s) and specs.config.yaml are valid.");
    }

    [Theory]
    [InlineData("broken", "a symbolic link to 'missing/FEAT-0002.yaml', which does not exist (a broken link)")]
    [InlineData("itself", "a symbolic link to 'FEAT-0002.yaml' that leads back to itself (a loop of links)")]
    [InlineData("outside", "a file outside the repository (git stores the link, not what it points to), so it is not read")]
    public void ValidateSpecs_SpecPathThatIsAnUnreadableLink_FailsWithAnErrorAndAnAnnotationAtThatFile(string kind, string reason)
    {
        using var outside = new SpecRepository().Write("FEAT-0002.yaml", SpecRepository.MinimalSpec("FEAT-0002"));
        using var tree = new SpecRepository().Write("specs.config.yaml", Config).Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));
        File.CreateSymbolicLink(Path.Combine(tree.Path, "specs", "FEAT-0002.yaml"), kind switch
        {
            "broken" => "missing/FEAT-0002.yaml",
            "itself" => "FEAT-0002.yaml",
            _ => Path.Combine(outside.Path, "FEAT-0002.yaml"),
        });
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });

        var exception = Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Equal("1 spec/config error(s)", exception.Message);
        Assert.Contains(context.Lines.All, line => line.Level == LogLevel.Error && line.Text.StartsWith("specs/FEAT-0002.yaml: ", StringComparison.Ordinal) && line.Text.Contains(reason, StringComparison.Ordinal));
        Assert.Contains(context.Lines.All, line => line.Text.StartsWith("::error file=specs/FEAT-0002.yaml::", StringComparison.Ordinal));
        Assert.DoesNotContain(context.Lines.All, line => line.Text.Contains("are valid", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateSpecs_FailOnInvalidFalse_WarnsInsteadOfThrowing()
    {
        using var tree = new SpecRepository().Write("specs.config.yaml", Config).Write("specs/FEAT-0001.yaml", "id: FEAT-0002\ntitle: t\nstatus: draft\n");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?>());

        context.ValidateSpecs(new ValidateSpecsSettings { FailOnInvalid = false });

        Assert.Contains(context.Lines.All, line => line.Level == LogLevel.Warning && line.Text == "1 spec/config error(s)");
    }

    [Fact]
    public void ValidateSpecs_ConfigFileSetting_IsReadRelativeToTheWorkingDirectory()
    {
        using var tree = new SpecRepository()
            .Write("ci/speccake.yaml", "specs:\n  paths: [\"../docs/*.yaml\"]\n")
            .Write("docs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\n");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?>());

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings { ConfigFile = "ci/speccake.yaml" }));

        Assert.Equal(["docs/FEAT-0001.yaml:1:1: missing required key 'status'"], context.Lines.All.Where(l => l.Level == LogLevel.Error).Select(l => l.Text));
    }

    [Fact]
    public void ValidateSpecs_EnabledIntegrationWithoutSecret_IsValid()
    {
        // A pull request from a fork gets no secrets: validating must not need them (a send does).
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", Config + "integrations:\n  pagerduty:\n    enabled: true\n  webhooks:\n    enabled: true\n    endpoints:\n      - name: a\n        url: \"https://hooks.example.com/${HOOK_PATH}\"\n")
            .Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001"));
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?>());

        context.ValidateSpecs(new ValidateSpecsSettings());

        Assert.DoesNotContain(context.Lines.All, l => l.Level is LogLevel.Error or LogLevel.Warning);
        Assert.Contains(context.Lines.All, line => line.Text == "1 spec file(s) and specs.config.yaml are valid.");
    }

    [Fact]
    public async Task ValidateSpecs_InvalidSpecAndAnIntegrationWithoutSecret_WarnsAndNotifiesTheOthers()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", Config + $"""
                integrations:
                  slack:
                    enabled: true
                    notify_on: ["validation_failed"]
                  webhooks:
                    enabled: true
                    endpoints:
                      - name: "ci-errors"
                        url: "{server.Url("/hooks/specs")}"
                        events: ["validation_failed"]
                """)
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: done\n");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?>());

        var exception = Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Equal("1 spec/config error(s)", exception.Message);
        Assert.Contains(context.Lines.All, l => l.Level == LogLevel.Warning
            && l.Text == "slack: validation_failed is not sent: the secret SLACK_WEBHOOK_URL is not set");
        Assert.Equal(["specs/FEAT-0001.yaml:3:9: status has the invalid value 'done'; valid values: draft, review, approved, implemented"],
            context.Lines.All.Where(l => l.Level == LogLevel.Error).Select(l => l.Text));
        Assert.Equal("validation_failed", Assert.Single(server.Requests).Header("X-SpecCake-Event"));
    }

    [Fact]
    public void ValidateSpecs_FailingWithIntegrationsThatDoNotHearValidationFailed_WarnsOnlyAboutTheSubscriberAndNotOfForks()
    {
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", Config + """
                integrations:
                  slack:
                    enabled: true
                    notify_on: ["spec_approved"]
                  jira:
                    enabled: true
                    base_url: "https://acme.atlassian.net"
                    project_key: "PROJ"
                  sentry:
                    enabled: true
                    report_on: ["validation_failed"]
                """)
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: done\n");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?>());

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        var warning = Assert.Single(context.Lines.All, line => line.Level == LogLevel.Warning);
        Assert.Equal("sentry: validation_failed is not sent: the secret SENTRY_DSN is not set", warning.Text);
    }

    [Fact]
    public void ValidateSpecs_FailingInAPullRequestFromAFork_TheWarningSaysForksGetNoSecrets()
    {
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", Config + "integrations:\n  sentry:\n    enabled: true\n    report_on: [\"validation_failed\"]\n")
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: done\n")
            .Write("event.json", """{"pull_request": {"head": {"repo": {"full_name": "someone/specs-repo"}}, "base": {"repo": {"full_name": "octo-org/specs-repo"}}}}""");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?>
        {
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_EVENT_PATH"] = Path.Combine(tree.Path, "event.json"),
        });

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Contains(context.Lines.All, line => line.Level == LogLevel.Warning
            && line.Text == "sentry: validation_failed is not sent: the secret SENTRY_DSN is not set (a pull request from a fork gets no secrets)");
    }

    [Fact]
    public void Validate_LibraryApi_ReturnsSpecsErrorsAndInvalidFilesTogether()
    {
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", Config + "notifications:\n  fail_on_error: maybe\n")
            .Write("specs/FEAT-0001.yaml", SpecRepository.MinimalSpec("FEAT-0001", "approved"))
            .Write("specs/FEAT-0002.yaml", "id: FEAT-0002\n");

        var report = SpecValidator.Validate("specs.config.yaml", EnvironmentVariables.FromDictionary(new Dictionary<string, string>()), tree.Path);

        Assert.False(report.IsValid);
        Assert.Equal(["specs.config.yaml", "specs/FEAT-0002.yaml"], report.InvalidFiles);
        Assert.Equal(3, report.Errors.Count);
        Assert.Equal("FEAT-0001", Assert.Single(report.Catalog.Specs).Id);
        Assert.Equal(SpecStatus.Approved, report.Catalog.Find("specs/FEAT-0001.yaml")!.Status);
    }

    [Fact]
    public async Task ValidateSpecs_InvalidSpecWithASubscribedWebhook_SendsValidationFailedThenThrows()
    {
        await using var server = await LoopbackServer.StartAsync();
        using var tree = new SpecRepository()
            .Write("specs.config.yaml", Config + $"""
                integrations:
                  webhooks:
                    enabled: true
                    endpoints:
                      - name: "ci-errors"
                        url: "{server.Url("/hooks/specs")}"
                        events: ["validation_failed"]
                """)
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: done\n");
        var context = new TestCakeContext(tree.Path, new Dictionary<string, string?> { ["GITHUB_REPOSITORY"] = "acme/widgets" });

        var exception = Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Equal("1 spec/config error(s)", exception.Message);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/hooks/specs", request.PathAndQuery);
        Assert.Equal("validation_failed", request.Header("X-SpecCake-Event"));
        var payload = request.Json;
        Assert.Equal("validation_failed", (string?)payload["event"]);
        Assert.Equal("widgets", (string?)payload["repository"]!["name"]);
        var error = payload["errors"]![0]!;
        Assert.Equal("specs/FEAT-0001.yaml", (string?)error["file"]);
        Assert.Equal(3, (int?)error["line"]);
        Assert.StartsWith("status has the invalid value 'done'", (string?)error["message"], StringComparison.Ordinal);
        Assert.Equal("specs/FEAT-0001.yaml", (string?)payload["files"]![0]);
    }
}
