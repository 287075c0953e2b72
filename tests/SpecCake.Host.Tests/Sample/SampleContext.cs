using Cake.Core;
using Cake.Core.Diagnostics;
using SpecCake.Host;

namespace SpecCake.Host.Tests.Sample;

/// <summary>The sample host's context: reads an argument in its constructor, as Frosting contexts do.</summary>
public sealed class SampleContext : FrostingContext
{
    public SampleContext(ICakeContext context)
        : base(context)
    {
        Greeting = context.Arguments.HasArgument("greeting") ? context.Arguments.GetArguments("greeting").Last() : "hello";
    }

    public string Greeting { get; }

    public void Say(string text) => Log.Information(text);
}
