using SpecCake.Aliases;
using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskName("Init")]
[TaskDescription("Sets SpecCake up in this repository: writes what is missing, then lists the secrets to add (--integrations=<name,name>, --agent=claude-code).")]
public sealed class InitTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.Init(InitSettings.FromArguments(context.Arguments));
}
