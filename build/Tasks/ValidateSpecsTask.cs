using SpecCake.Aliases;
using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskName("ValidateSpecs")]
[TaskDescription("Validates every spec file and specs.config.yaml (--config=<file>).")]
public sealed class ValidateSpecsTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context) =>
        context.ValidateSpecs(ValidateSpecsSettings.FromArguments(context.Arguments));
}
