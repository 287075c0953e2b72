namespace SpecCake.AddinTests;

/// <summary>docs/use-in-your-repo.md and its fenced code blocks.</summary>
internal static class DocsPage
{
    public static string Path { get; } = System.IO.Path.Combine(RepositoryRoot.Path, "docs", "use-in-your-repo.md");

    public static string Text => File.ReadAllText(Path);

    /// <summary>Every <c>```language</c> block, with the line its fence is on.</summary>
    public static IEnumerable<(int Line, string Code)> CodeBlocks(string language)
    {
        var lines = File.ReadAllLines(Path);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```" + language)
            {
                continue;
            }

            var start = i + 1;
            var end = Array.FindIndex(lines, start, l => l.Trim() == "```");
            if (end < 0)
            {
                throw new InvalidOperationException($"use-in-your-repo.md:{i + 1}: unclosed code block");
            }

            yield return (i + 1, string.Join("\n", lines[start..end]));
            i = end;
        }
    }
}
