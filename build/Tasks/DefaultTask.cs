using SpecCake.Host;

namespace SpecCake.Build.Tasks;

[TaskDescription("Runs ValidateSpecs.")]
[IsDependentOn(typeof(ValidateSpecsTask))]
public sealed class DefaultTask : FrostingTask<BuildContext>
{
}
