using System.Text.RegularExpressions;

namespace SpecCake.AddinTests;

/// <summary>One call of the entry point found in a workflow or a snippet, with its options.</summary>
internal sealed partial record BuildInvocation(string Text, IReadOnlyList<(string Name, string? Value)> Options)
{
    /// <summary>Every <c>./build.sh</c>, <c>build.ps1</c>, <c>./speccake.sh</c>, <c>speccake.ps1</c>, <c>dotnet speccake</c> or <c>dotnet cake</c> call in <paramref name="text"/>.</summary>
    public static IEnumerable<BuildInvocation> FindAll(string text)
    {
        foreach (Match call in EntryPoint().Matches(text))
        {
            var arguments = call.Groups["args"].Value;
            var options = Option().Matches(arguments)
                .Select(m => (m.Groups["name"].Value, m.Groups["value"].Success ? m.Groups["value"].Value.Trim('"', '\'') : null))
                .ToArray();
            yield return new BuildInvocation(call.Value.Trim(), options);
        }
    }

    public string? Value(string name) => Options.FirstOrDefault(o => o.Name == name).Value;

    // Arguments run to the end of the line or of the shell command (&&, ;, |, a comment, a closing backtick).
    [GeneratedRegex(@"(?:\./build\.sh|build\.ps1|\./speccake\.sh|\./speccake\.ps1|dotnet speccake|dotnet cake)(?<args>[^\n`&;|#]*)")]
    private static partial Regex EntryPoint();

    [GeneratedRegex(@"(?<=^|\s)--?(?<name>[A-Za-z][A-Za-z-]*)(?:=(?<value>""[^""]*""|'[^']*'|\S+))?")]
    private static partial Regex Option();
}
