using Cake.Core;
using SpecCake.Aliases;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Specs.Changes;

public sealed class DetectSpecEventsAliasTests
{
    [Fact]
    public void DetectSpecEvents_WithoutBase_FailsWithOnePlainLineNamingTheArgument()
    {
        var context = new TestCakeContext(Path.GetTempPath(), new Dictionary<string, string?>());

        var error = Assert.Throws<CakeException>(() => context.DetectSpecEvents(new DetectSpecEventsSettings()));

        Assert.Equal("DetectSpecEvents needs --base=<git ref>: the commit before the change (on a push: github.event.before).", error.Message);
    }
}
