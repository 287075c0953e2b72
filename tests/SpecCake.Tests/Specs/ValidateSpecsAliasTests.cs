using Cake.Core;
using Cake.Core.Diagnostics;
using SpecCake.Aliases;
using SpecCake.Configuration;
using SpecCake.Specs;
using SpecCake.Tests.Configuration;

namespace SpecCake.Tests.Specs;

public sealed class ValidateSpecsAliasTests
{
    private const string Config = "specs:\n  paths: [\"specs/**/*.yaml\"]\n";

    [Fact]
    public void ValidateSpecs_ValidRepository_LogsSuccessAndDoesNotThrow()
    {
        var context = new FakeCakeContext(TestConfig.RepositoryRoot(), []);

        context.ValidateSpecs(new ValidateSpecsSettings());

        Assert.DoesNotContain(context.FakeLog.Lines, line => line.Level == LogLevel.Error);
        Assert.Contains(context.FakeLog.Lines, line => line.Text == "4 spec file(s) and specs.config.yaml are valid.");
    }

    [Fact]
    public void ValidateSpecs_InvalidSpecAndConfig_LogsEachErrorAndThrowsWithTheCount()
    {
        using var tree = new SpecTree()
            .Write("specs.config.yaml", Config + "integrations:\n  slack:\n    enabeld: true\n")
            .Write("specs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: done\n");
        var context = new FakeCakeContext(tree.Root, []);

        var exception = Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Equal("2 spec/config error(s)", exception.Message);
        Assert.Equal(
            [
                "specs.config.yaml:5:5: unknown key 'enabeld' in integrations.slack; did you mean 'enabled'?",
                "specs/FEAT-0001.yaml:3:9: status has the invalid value 'done'; valid values: draft, review, approved, implemented",
            ],
            context.FakeLog.Lines.Where(line => line.Level == LogLevel.Error).Select(line => line.Text));
        Assert.DoesNotContain(context.FakeLog.Lines, line => line.Text.StartsWith("::error", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateSpecs_InsideGitHubActions_PrintsAnnotationsAndAppendsTheStepSummary()
    {
        using var tree = new SpecTree()
            .Write("specs.config.yaml", Config)
            .Write("specs/features/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\nstatus: draft\nseverity: SEV9\n")
            .Write("summary.md", "# earlier step\n");
        var summary = Path.Combine(tree.Root, "summary.md");
        var context = new FakeCakeContext(tree.Root, new() { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Contains(context.FakeLog.Lines, line => line.Text == "::error file=specs/features/FEAT-0001.yaml,line=4,col=11::severity has the invalid value 'SEV9'; did you mean 'SEV1'? valid values: SEV1, SEV2, SEV3, SEV4");
        var markdown = File.ReadAllText(summary);
        Assert.StartsWith("# earlier step\n## SpecCake: ValidateSpecs", markdown, StringComparison.Ordinal);
        Assert.Contains("| `specs/features/FEAT-0001.yaml` | 4 | 11 | severity has the invalid value 'SEV9'; did you mean 'SEV1'? valid values: SEV1, SEV2, SEV3, SEV4 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateSpecs_FailOnInvalidFalse_WarnsInsteadOfThrowing()
    {
        using var tree = new SpecTree().Write("specs.config.yaml", Config).Write("specs/FEAT-0001.yaml", "id: FEAT-0002\ntitle: t\nstatus: draft\n");
        var context = new FakeCakeContext(tree.Root, []);

        context.ValidateSpecs(new ValidateSpecsSettings { FailOnInvalid = false });

        Assert.Contains(context.FakeLog.Lines, line => line.Level == LogLevel.Warning && line.Text == "1 spec/config error(s)");
    }

    [Fact]
    public void ValidateSpecs_ConfigFileSetting_IsReadRelativeToTheWorkingDirectory()
    {
        using var tree = new SpecTree()
            .Write("ci/speccake.yaml", "specs:\n  paths: [\"../docs/*.yaml\"]\n")
            .Write("docs/FEAT-0001.yaml", "id: FEAT-0001\ntitle: t\n");
        var context = new FakeCakeContext(tree.Root, []);

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings { ConfigFile = "ci/speccake.yaml" }));

        Assert.Equal(["docs/FEAT-0001.yaml:1:1: missing required key 'status'"], context.FakeLog.Lines.Where(l => l.Level == LogLevel.Error).Select(l => l.Text));
    }

    [Fact]
    public void ValidateSpecs_EnabledIntegrationWithoutSecret_FailsNamingTheVariable()
    {
        using var tree = new SpecTree().Write("specs.config.yaml", Config + "integrations:\n  pagerduty:\n    enabled: true\n");
        var context = new FakeCakeContext(tree.Root, []);

        Assert.Throws<CakeException>(() => context.ValidateSpecs(new ValidateSpecsSettings()));

        Assert.Contains(context.FakeLog.Lines, l => l.Level == LogLevel.Error && l.Text.Contains("PAGERDUTY_ROUTING_KEY is not set", StringComparison.Ordinal));
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
}
