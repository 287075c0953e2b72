using SpecCake.Aliases;
using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskName("NotifySpecEvent")]
[TaskDescription("Sends a spec event to every subscribed integration (--event, --spec, --pr, --pr-url, --branch, --error, --logs-url, --reviewers, --duration).")]
public sealed class NotifySpecEventTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.NotifySpecEvent(NotifySpecEventSettings.FromArguments(context.Arguments));
}
