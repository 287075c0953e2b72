using SpecCake.Aliases;
using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskName("ImplementSpec")]
[TaskDescription("Implements an approved spec with the configured agent and opens its pull request (--spec=<ID or path>, --force, --restart).")]
public sealed class ImplementSpecTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.ImplementSpec(ImplementSpecSettings.FromArguments(context.Arguments));
}
