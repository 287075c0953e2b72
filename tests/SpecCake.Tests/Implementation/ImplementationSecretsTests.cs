using Cake.Core;

namespace SpecCake.Tests.Implementation;

/// <summary>ImplementSpec asks for GitHub's token, the agent's key and the secrets of the integrations its events reach: no others.</summary>
public sealed class ImplementationSecretsTests
{
    [Fact]
    public async Task Run_AnIntegrationThatHearsNoImplementationEventLacksItsSecret_ImplementsAnyway()
    {
        await using var scenario = await Scenario("echo done > done.txt", "  slack:\n    enabled: true\n    notify_on: [\"spec_approved\"]\n");

        var result = scenario.Run();

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["implementation_started", "pr_created", "implementation_completed"], scenario.Events());
        Assert.DoesNotContain("SLACK_WEBHOOK_URL", scenario.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AnIntegrationItsEventsReachLacksItsSecret_RefusesBeforeAnythingHappens()
    {
        await using var scenario = await Scenario("echo done > done.txt", "  slack:\n    enabled: true\n    notify_on: [\"implementation_failed\"]\n");

        var error = Assert.Throws<CakeException>(() => scenario.Run());

        Assert.Equal("ImplementSpec: the secret SLACK_WEBHOOK_URL is not set (see above)", error.Message);
        Assert.Empty(scenario.Events());
        Assert.Equal(["main"], scenario.RemoteBranches());
    }

    private static async Task<ImplementationScenario> Scenario(string script, string integration)
    {
        var scenario = await ImplementationScenario.CreateAsync(scratch =>
        {
            var agent = Path.Combine(scratch, "agent.sh");
            File.WriteAllText(agent, script + "\n");
            return $"  agent: command\n  command: [\"sh\", \"{agent}\"]\n";
        });
        var config = Path.Combine(scenario.Work.Path, "specs.config.yaml");
        File.WriteAllText(config, File.ReadAllText(config).Replace("integrations:\n", "integrations:\n" + integration, StringComparison.Ordinal));
        scenario.Work.Commit("one more integration");
        scenario.Work.Git("push", "-q", "origin", "main");
        return scenario;
    }
}
