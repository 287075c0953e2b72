using SpecCake.Host.Tests.Sample;

namespace SpecCake.Host.Tests.Kit;

public sealed class CakeHostArgumentTests
{
    [Fact]
    public void Run_NameEqualsValue_ReachesTask()
    {
        var run = SampleHost.Run("--target=First", "--event=pr_merged", "--pr-url=https://example.test/pr/1?a=b");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("arg event=pr_merged", run.Output);
        Assert.Contains("arg pr-url=https://example.test/pr/1?a=b", run.Output);
    }

    [Fact]
    public void Run_NameSpaceValue_ReachesTask()
    {
        var run = SampleHost.Run("--target", "First", "--event", "spec_created", "--spec", "FEAT-0001");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("arg event=spec_created", run.Output);
        Assert.Contains("arg spec=FEAT-0001", run.Output);
        Assert.Contains("arg target=First", run.Output);
    }

    [Fact]
    public void Run_BareFlag_IsTrue()
    {
        var run = SampleHost.Run("--target=First", "--flag");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("arg flag=true", run.Output);
    }

    [Fact]
    public void Run_ArgumentReadInContextConstructor_ReachesContext()
    {
        var run = SampleHost.Run("--greeting=bonjour", "--target=First");

        Assert.Contains("greeting=bonjour", run.Output);
    }

    [Theory]
    [InlineData("--dryrun")]
    [InlineData("--noop")]
    [InlineData("--whatif")]
    public void Run_DryRunAlias_RunsTaskBodiesAndExposesDryRunArgument(string alias)
    {
        var run = SampleHost.Run("--target=First", alias);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("ran First", run.Output);
        Assert.Contains("arg dryrun=true", run.Output);
        Assert.Contains("arg noop=true", run.Output);
        Assert.Contains("arg whatif=true", run.Output);
    }

    [Fact]
    public void Run_NoDryRun_NoDryRunArgument()
    {
        var run = SampleHost.Run("--target=First");

        Assert.DoesNotContain("arg dryrun", run.Output);
    }

    [Fact]
    public void Run_Exclusive_ExposedAsArgument()
    {
        var run = SampleHost.Run("--target=First", "-e");

        Assert.Contains("arg exclusive=true", run.Output);
    }
}
