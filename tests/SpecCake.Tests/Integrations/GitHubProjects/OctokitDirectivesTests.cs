using System.Reflection;
using System.Xml.Linq;
using SpecCake.Tests.Configuration;

namespace SpecCake.Tests.Integrations.GitHubProjects;

/// <summary>
/// build/Octokit.rd.xml must name every StringEnum&lt;TEnum&gt; Octokit's models use: the native host
/// cannot create a generic struct it did not generate ahead of time (GitHubPullRequestLookup, and any
/// other Octokit call, would fail with MissingMethodException for the one missing).
/// </summary>
public sealed class OctokitDirectivesTests
{
    [Fact]
    public void RdXml_EveryStringEnumOfOctokitsModels_IsListed()
    {
        var listed = XDocument.Load(Path.Combine(TestConfig.RepositoryRoot(), "build", "Octokit.rd.xml"))
            .Descendants("Type")
            .Select(type => (string)type.Attribute("Name")!)
            .ToHashSet(StringComparer.Ordinal);

        var used = typeof(Octokit.PullRequest).Assembly.GetExportedTypes()
            .SelectMany(type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(property => Candidates(property.PropertyType))
            .Where(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Octokit.StringEnum<>))
            .Select(type => type.GetGenericArguments()[0])
            .Select(argument => $"Octokit.StringEnum`1[[{argument.FullName},{argument.Assembly.GetName().Name}]]")
            .ToHashSet(StringComparer.Ordinal);

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(listed));
    }

    private static IEnumerable<Type> Candidates(Type type)
    {
        yield return type;
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            yield return underlying;
        }

        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                yield return argument;
            }
        }
    }
}
