namespace SpecCake.Host.Tests.Process;

/// <summary>The test classes that start the built host share one build of it (about a minute).</summary>
[CollectionDefinition(Name)]
public sealed class BuiltHostCollection : ICollectionFixture<BuiltHostFixture>
{
    public const string Name = "built host";
}
