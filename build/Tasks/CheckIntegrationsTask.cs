using SpecCake.Aliases;
using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskName("CheckIntegrations")]
[TaskDescription("Checks every enabled integration against its live service, read-only, and says how to fix what is wrong (--only=<name,name>).")]
public sealed class CheckIntegrationsTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.CheckIntegrations(CheckIntegrationsSettings.FromArguments(context.Arguments));
}
