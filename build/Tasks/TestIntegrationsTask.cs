using SpecCake.Aliases;
using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskName("TestIntegrations")]
[TaskDescription("Sends a clearly marked test message through every enabled integration (--only=<name,name>).")]
public sealed class TestIntegrationsTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.TestIntegrations(TestIntegrationsSettings.FromArguments(context.Arguments));
}
