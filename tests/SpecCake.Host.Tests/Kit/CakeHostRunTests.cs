using SpecCake.Host.Tests.Sample;

namespace SpecCake.Host.Tests.Kit;

public sealed class CakeHostRunTests
{
    [Fact]
    public void Run_NoTarget_RunsDefaultWithDependenciesInOrderAndPrintsReport()
    {
        var run = SampleHost.Run();

        Assert.Equal(0, run.ExitCode);
        var first = run.Output.IndexOf("ran First", StringComparison.Ordinal);
        var second = run.Output.IndexOf("ran Second", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first, run.All);
        Assert.Contains("Duration", run.Output);
        Assert.Contains("Total:", run.Output);
        Assert.Matches(@"First\s+00:00:00[.0-9]*\s+Succeeded", run.Output);
        Assert.Matches(@"Second\s+00:00:00[.0-9]*\s+Succeeded", run.Output);
    }

    [Fact]
    public void Run_UnknownTarget_FailsAndListsValidTargets()
    {
        var run = SampleHost.Run("--target=Deploy");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("The target 'Deploy' was not found.", run.Error);
        Assert.Contains("Valid targets: AfterConditional, AfterRecovery, Conditional, Crashing, Default, Failing, First, Recovering, Second.", run.Error);
        Assert.DoesNotContain("ran First", run.Output);
    }

    [Fact]
    public void Run_TargetIsCaseInsensitive_RunsTask()
    {
        var run = SampleHost.Run("-t", "second");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ran Second", run.Output);
    }

    [Theory]
    [InlineData("--exclusive")]
    [InlineData("-e")]
    public void Run_Exclusive_SkipsDependencies(string exclusive)
    {
        var run = SampleHost.Run("--target=Second", exclusive);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ran Second", run.Output);
        Assert.DoesNotContain("ran First", run.Output);
    }

    [Fact]
    public void Run_TaskThrowsCakeException_PrintsOneLineErrorWithItsExitCode()
    {
        var run = SampleHost.Run("--target=Failing");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Error: The spec file is broken.", run.Error);
        Assert.DoesNotContain("   at ", run.All);
        Assert.Contains("finally after Failing", run.Output);
        Assert.Matches(@"Failing\s+\S+\s+Failed", run.Output);
    }

    [Fact]
    public void Run_TaskThrowsUnexpectedException_PrintsMessageWithoutStackTrace()
    {
        var run = SampleHost.Run("--target=Crashing");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Error: Something unexpected.", run.Error);
        Assert.DoesNotContain("   at ", run.All);
    }

    [Fact]
    public void Run_DiagnosticVerbosity_PrintsStackTrace()
    {
        var run = SampleHost.Run("--target=Crashing", "--verbosity=diagnostic");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("System.InvalidOperationException: Something unexpected.", run.Error);
        Assert.Contains("   at ", run.Error);
    }

    [Fact]
    public void Run_OnErrorOverridden_HandlesErrorAndBuildGoesOn()
    {
        var run = SampleHost.Run("--target=AfterRecovery");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("handled: recoverable", run.Output);
        Assert.Contains("ran AfterRecovery", run.Output);
    }

    [Fact]
    public void Run_ShouldRunFalse_SkipsTaskAndReportsIt()
    {
        var run = SampleHost.Run("--target=AfterConditional");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("ran Conditional", run.Output);
        Assert.Contains("ran AfterConditional", run.Output);
        Assert.Matches(@"Conditional\s+\S+\s+Skipped", run.Output);
    }

    [Fact]
    public void Run_ShouldRunTrue_RunsTask()
    {
        var run = SampleHost.Run("--target=AfterConditional", "--enable");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ran Conditional", run.Output);
    }

    [Fact]
    public void Run_Lifetimes_RunAroundBuildAndEachTask()
    {
        var run = SampleHost.Run("--target=First");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("setup for First", run.Output);
        Assert.Contains("before First", run.Output);
        Assert.Contains("after First", run.Output);
        Assert.Contains("teardown successful=True", run.Output);
    }

    [Fact]
    public void Run_QuietVerbosity_PrintsNoReport()
    {
        var run = SampleHost.Run("--target=First", "--verbosity=quiet");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("Duration", run.Output);
    }

    [Fact]
    public void Run_DefaultReport_IsCakesClassicReport()
    {
        var run = SampleHost.Run("--target=First");

        Assert.Contains("========================================\nFirst\n========================================", run.Output.ReplaceLineEndings("\n"));
        Assert.Matches(@"First\s+00:00:00", run.Output);
    }

    [Fact]
    public void Run_UseSpectreReport_PrintsSpectreReport()
    {
        var run = SampleHost.Run(host => host.UseSpectreReport(), "--target=First");

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("========================================", run.Output);
        Assert.Matches(@"First\s+00:00:00", run.Output);
        Assert.Contains("Total:", run.Output);
    }
}
