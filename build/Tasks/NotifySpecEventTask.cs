using SpecCake.Aliases;
using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskName("NotifySpecEvent")]
[TaskDescription("Sends a spec event to every subscribed integration (--event, --spec, --pr, --pr-url, --branch, --error, --logs-url, --reviewers, --duration).")]
public sealed class NotifySpecEventTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        context.NotifySpecEvent(new NotifySpecEventSettings
        {
            ConfigFile = context.ConfigFile,
            Event = context.Text("event"),
            Spec = context.Text("spec"),
            Pr = context.Integer("pr"),
            PrUrl = context.Text("pr-url"),
            Branch = context.Text("branch"),
            Error = context.Text("error"),
            LogsUrl = context.Text("logs-url"),
            Reviewers = context.List("reviewers"),
            Duration = context.Number("duration"),
            DryRun = context.DryRun,
        });
    }
}
