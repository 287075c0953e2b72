namespace SpecCake.Host;

/// <summary>Lets the build go on when this task fails (Cake's <c>ContinueOnError</c>).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ContinueOnErrorAttribute : Attribute
{
}
