using SpecCake.Aliases;
using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskName("SyncTrackers")]
[TaskDescription("Mirrors specs into Jira, Linear, Azure DevOps and GitHub Projects (--spec=<ID>, default every spec).")]
public sealed class SyncTrackersTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.SyncTrackers(SyncTrackersSettings.FromArguments(context.Arguments));
}
