using Cake.Core;
using Cake.Core.Diagnostics;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Specs;
using SpecCake.Tests.Configuration;
using SpecCake.Tests.Delivery;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Specs;

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
        using var tree = new SpecTree()
            .Write("specs.config.yaml", Config + "integrations:\n  slack:\n    enabeld: true\n")
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: done\n");
        var context = new TestCakeContext(tree.Root, new Dictionary<string, string?>());

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
        using var tree = new SpecTree()
            .Write("specs.config.yaml", Config)
            .Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: draft\nseverity: SEV9\n")
            .Write("summary.md", "# earlier step\n");
        var summary = Path.Combine(tree.Root, "summary.md");
        var context = new TestCakeContext(tree.Root, new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Contains(context.Lines.All, line => line.Text == "::error file=specs/features/FEAT-0001.yaml,line=4,col=11::severity has the invalid value 'SEV9'; did you mean 'SEV1'? valid values: SEV1, SEV2, SEV3, SEV4");
        var markdown = File.ReadAllText(summary);
        Assert.StartsWith("# earlier step\n## SpecCake: ValidateSpecs", markdown, StringComparison.Ordinal);
        Assert.Contains("| `specs/features/FEAT-0001.yaml` | 4 | 11 | severity has the invalid value 'SEV9'; did you mean 'SEV1'? valid values: SEV1, SEV2, SEV3, SEV4 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSpecs_FailOnInvalidFalse_WarnsInsteadOfThrowing()
    {
        using var tree = new SpecTree().Write("specs.config.yaml", Config).Write("specs/FEAT-0001.yaml", "id: FEAT-0002\ntitle: t\nstatus: draft\n");
        var context = new TestCakeContext(tree.Root, new Dictionary<string, string?>());

        context.ValidateSpecs(new ValidateSpecsSettings { FailOnInvalid = false });

        Assert.Contains(context.Lines.All, line => line.Level == LogLevel.Warning && line.Text == "1 spec/config error(s)");
    }

    [Fact]
    public void ValidateSpecs_ConfigFileSetting_IsReadRelativeToTheWorkingDirectory()
    {
        using var tree = new SpecTree()
            .Write("ci/speccake.yaml", "specs:\n  paths: [\"../docs/*.yaml\"]\n")
            .Write("docs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\n");
        var context = new TestCakeContext(tree.Root, new Dictionary<string, string?>());

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings { ConfigFile = "ci/speccake.yaml" }));

        Assert.Equal(["docs/FEAT-0001.yaml:1:1: missing required key 'status'"], context.Lines.All.Where(l => l.Level == LogLevel.Error).Select(l => l.Text));
    }

    [Fact]
    public void ValidateSpecs_EnabledIntegrationWithoutSecret_FailsNamingTheVariable()
    {
        using var tree = new SpecTree().Write("specs.config.yaml", Config + "integrations:\n  pagerduty:\n    enabled: true\n");
        var context = new TestCakeContext(tree.Root, new Dictionary<string, string?>());

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Contains(context.Lines.All, l => l.Level == LogLevel.Error && l.Text.Contains("PAGERDUTY_ROUTING_KEY is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LibraryApi_ReturnsSpecsErrorsAndInvalidFilesTogether()
    {
        using var tree = new SpecTree()
            .Write("specs.config.yaml", Config + "notifications:\n  fail_on_error: maybe\n")
            .Write("specs/FEAT-0001.yaml", SpecTree.ValidSpec("FEAT-0001", "approved"))
            .Write("specs/FEAT-0002.yaml", "id: FEAT-0002\n");

        var report = SpecValidator.Validate("specs.config.yaml", EnvironmentVariables.FromDictionary(new Dictionary<string, string>()), tree.Root);

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
        using var tree = new SpecTree()
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
        var context = new TestCakeContext(tree.Root, new Dictionary<string, string?> { ["GITHUB_REPOSITORY"] = "acme/widgets" });

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
