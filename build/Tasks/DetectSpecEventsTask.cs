using SpecCake.Aliases;
using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskName("DetectSpecEvents")]
[TaskDescription("Finds spec_created and spec_approved between two git refs and notifies them (--base=<ref>, --head=<ref>).")]
public sealed class DetectSpecEventsTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.DetectSpecEvents(DetectSpecEventsSettings.FromArguments(context.Arguments));
}
