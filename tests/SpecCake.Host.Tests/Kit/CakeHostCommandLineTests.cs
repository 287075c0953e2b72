using SpecCake.Host.Tests.Sample;

namespace SpecCake.Host.Tests.Kit;

public sealed class CakeHostCommandLineTests
{
    [Fact]
    public void Run_Tree_PrintsDependencyTreeAndRunsNothing()
    {
        var run = SampleHost.Run("--tree");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Default\s*\r?\n└─Second\s*\r?\n\s+└─First", run.Output);
        Assert.DoesNotContain("ran First", run.Output);
    }

    [Fact]
    public void Run_Description_ListsTasksWithDescriptions()
    {
        var run = SampleHost.Run("--description");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Default\s+Runs Second and its dependencies\.", run.Output);
        Assert.Matches(@"First\s+Prints the arguments it reads\.", run.Output);
        Assert.DoesNotContain("ran First", run.Output);
    }

    [Fact]
    public void Run_Version_PrintsVersion()
    {
        var run = SampleHost.Run("--version");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output.Trim());
    }

    [Fact]
    public void Run_Info_PrintsVersionAndCake()
    {
        var run = SampleHost.Run("--info");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Version:", run.Output);
        Assert.Contains("Cake.Core 7.0.0", run.Output);
    }

    [Fact]
    public void Run_Help_ListsHostOptions()
    {
        var run = SampleHost.Run("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--target", "--verbosity", "--dryrun", "--exclusive", "--description", "--tree", "--working", "--version", "--info" })
        {
            Assert.Contains(option, run.Output);
        }
    }

    [Fact]
    public void Run_BadVerbosity_OneClearMessageNoStackTrace()
    {
        var run = SampleHost.Run("--verbosity=loud");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Failed to convert 'loud' to Verbosity.", run.Error);
        Assert.Contains("Valid verbosities: quiet, minimal, normal, verbose, diagnostic.", run.Error);
        Assert.DoesNotContain("   at ", run.All);
        Assert.DoesNotContain("ran First", run.Output);
    }

    [Fact]
    public void Run_TargetWithoutValue_OneClearMessageNoStackTrace()
    {
        var run = SampleHost.Run("--target");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("no value has been provided", run.Error);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public void Run_StrayWord_OneClearMessageNoStackTrace()
    {
        var run = SampleHost.Run("deploy");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Unknown command 'deploy'", run.Error);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public void Run_MissingWorkingDirectory_OneClearMessage()
    {
        var missing = Path.Combine(Path.GetTempPath(), "speccake-missing-" + Guid.NewGuid().ToString("N"));

        var run = SampleHost.Run($"--working={missing}", "--tree");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"The working directory '{missing}' does not exist.", run.Error);
        Assert.DoesNotContain("   at ", run.All);
    }
}
