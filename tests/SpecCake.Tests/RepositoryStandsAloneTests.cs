using System.Text;
using System.Text.RegularExpressions;
using SpecCake.TestSupport;

namespace SpecCake.Tests;

/// <summary>
/// A maintainer has this repository and nothing else: what the code relies on is written in its
/// docs (docs/design/), and every comment or document that sends a reader somewhere sends them to a
/// file and a section that exist here. These tests read the files a maintainer reads: the comments
/// of code, scripts and project files, and every Markdown document.
/// </summary>
public sealed partial class RepositoryStandsAloneTests
{
    // Folders that hold no file of ours: build output, git, caches, installed tools.
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.Ordinal)
    {
        ".git", "bin", "obj", ".artifacts", "node_modules", "TestResults", ".speccake", ".vs", ".idea", "results",
    };

    // Phrases that name a document a maintainer of this repository does not have: the product
    // brief and the design notes kept beside the repository while it was written. Patterns, so
    // spacing, case or a hyphen do not hide one.
    private static readonly Regex[] OutsideDocuments =
    [
        new(@"contract\s*§", RegexOptions.IgnoreCase),
        new(@"\.\./shared\b", RegexOptions.IgnoreCase),
        new(@"\bshared/(seed|design)/", RegexOptions.IgnoreCase),
        new(@"integrations[\s-]guide", RegexOptions.IgnoreCase),
        new(@"\bthe\s+guide\b", RegexOptions.IgnoreCase),
    ];

    [Fact]
    public void Comments_AnywhereInTheRepository_CiteNoDocumentOutsideIt()
    {
        var found = new List<string>();
        foreach (var (file, lineNumber, text) in CommentsAndDocs())
        {
            foreach (var pattern in OutsideDocuments)
            {
                if (pattern.Match(text) is { Success: true } match)
                {
                    found.Add($"{file}:{lineNumber}: cites '{match.Value}', outside the repository; cite docs/design/ instead: {text.Trim()}");
                }
            }
        }

        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Fact]
    public void DocsCitations_InCommentsAndDocs_NameFilesAndSectionsThatExist()
    {
        var found = new List<string>();
        foreach (var (file, lineNumber, text) in CommentsAndDocs())
        {
            foreach (Match citation in DocsCitation().Matches(text))
            {
                var target = citation.Groups["path"].Value;
                var anchor = citation.Groups["anchor"].Success ? citation.Groups["anchor"].Value : null;
                if (Problem(Path.Combine(RepositoryRoot.Path, target), anchor) is { } problem)
                {
                    found.Add($"{file}:{lineNumber}: {citation.Value}: {problem}");
                }
            }
        }

        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Fact]
    public void MarkdownLinks_InReadmeAndDocs_PointToFilesAndSectionsThatExist()
    {
        var found = new List<string>();
        var relativeLinks = 0;
        foreach (var document in MarkdownFiles())
        {
            var folder = Path.GetDirectoryName(document)!;
            var lineNumber = 0;
            foreach (var line in ProseLines(File.ReadAllText(document)))
            {
                lineNumber++;
                if (line is null)
                {
                    continue;
                }

                foreach (Match link in MarkdownLink().Matches(line))
                {
                    var target = link.Groups["target"].Value;
                    if (HasScheme().IsMatch(target))
                    {
                        continue;
                    }

                    relativeLinks++;
                    var hash = target.IndexOf('#', StringComparison.Ordinal);
                    var path = hash < 0 ? target : target[..hash];
                    var anchor = hash < 0 ? null : target[(hash + 1)..];
                    var resolved = path.Length == 0 ? document : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(path)));
                    if (Problem(resolved, anchor) is { } problem)
                    {
                        found.Add($"{Relative(document)}:{lineNumber}: ({target}): {problem}");
                    }
                }
            }
        }

        // The README alone links to its own sections and to docs/ dozens of times: finding so few means the scan is broken.
        Assert.True(relativeLinks > 20, $"only {relativeLinks} relative links found in the repository's Markdown");
        Assert.True(found.Count == 0, string.Join('\n', found));
    }

    [Theory]
    [InlineData("Exit codes", "exit-codes")]
    [InlineData("Configuration (`specs.config.yaml`)", "configuration-specsconfigyaml")]
    [InlineData("ImplementSpec: spec → AI implementation → pull request", "implementspec-spec--ai-implementation--pull-request")]
    [InlineData("Start it fast: `speccake.sh` and `speccake.ps1`", "start-it-fast-speccakesh-and-speccakeps1")]
    [InlineData("[Tasks](#tasks) and more", "tasks-and-more")]
    public void Slug_OfAHeading_IsTheAnchorGitHubMakes(string heading, string anchor)
    {
        Assert.Equal(anchor, Slug(heading));
    }

    /// <summary>Why a reader sent to <paramref name="target"/> (and its section) finds nothing; null when they find it.</summary>
    private static string? Problem(string target, string? anchor)
    {
        var root = RepositoryRoot.Path + Path.DirectorySeparatorChar;
        if (!target.StartsWith(root, StringComparison.Ordinal) && target != RepositoryRoot.Path)
        {
            return "outside the repository";
        }

        if (!File.Exists(target) && !Directory.Exists(target))
        {
            return "no such file in the repository";
        }

        if (string.IsNullOrEmpty(anchor) || !target.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !File.Exists(target))
        {
            return null;
        }

        return Anchors(target).Contains(anchor) ? null : $"no section #{anchor} in {Relative(target)}";
    }

    /// <summary>The anchors GitHub gives a document: one per heading (repeats numbered), and explicit ids.</summary>
    private static HashSet<string> Anchors(string document)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in ProseLines(File.ReadAllText(document), keepInlineCode: true))
        {
            if (line is null)
            {
                continue;
            }

            if (Heading().Match(line) is { Success: true } heading)
            {
                var slug = Slug(heading.Groups["text"].Value);
                var count = seen.GetValueOrDefault(slug);
                anchors.Add(count == 0 ? slug : $"{slug}-{count}");
                seen[slug] = count + 1;
            }

            foreach (Match id in ExplicitAnchor().Matches(line))
            {
                anchors.Add(id.Groups["id"].Value);
            }
        }

        return anchors;
    }

    /// <summary>GitHub's heading anchor: link text kept, lower case, only letters, digits, spaces, '-' and '_', spaces as '-'.</summary>
    private static string Slug(string heading)
    {
        var text = LinkInHeading().Replace(heading.Trim(), "${text}").ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(c);
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }

        return slug.ToString();
    }

    /// <summary>
    /// A document's lines as a reader of its prose sees them: inline code removed, and null for the
    /// lines of fenced code blocks (their text is an example, not a link).
    /// </summary>
    private static IEnumerable<string?> ProseLines(string text, bool keepInlineCode = false)
    {
        var fence = (string?)null;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimStart();
            if (fence is null && (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal)))
            {
                fence = trimmed[..3];
                yield return null;
            }
            else if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal))
                {
                    fence = null;
                }

                yield return null;
            }
            else
            {
                var prose = line.TrimEnd('\r');
                yield return keepInlineCode ? prose : InlineCode().Replace(prose, string.Empty);
            }
        }
    }

    /// <summary>Every line a maintainer reads as prose: comments in code, scripts and project files; whole Markdown documents.</summary>
    private static IEnumerable<(string File, int Line, string Text)> CommentsAndDocs()
    {
        foreach (var file in RepositoryFiles())
        {
            var name = Path.GetFileName(file);
            var extension = Path.GetExtension(file).ToLowerInvariant();
            var kind = extension switch
            {
                ".md" => CommentKind.Document,
                ".cs" or ".cake" => CommentKind.Slashes,
                ".sh" or ".ps1" or ".yml" or ".yaml" or ".py" => CommentKind.Hash,
                ".csproj" or ".props" or ".targets" or ".xml" => CommentKind.Xml,
                _ when name == "run" && Path.GetFileName(Path.GetDirectoryName(file)) == ".ci" => CommentKind.Hash,
                _ => CommentKind.None,
            };
            if (kind == CommentKind.None)
            {
                continue;
            }

            var lines = File.ReadAllText(file).Split('\n');
            var inXmlComment = false;
            for (var index = 0; index < lines.Length; index++)
            {
                var comment = kind switch
                {
                    CommentKind.Document => lines[index],
                    CommentKind.Slashes => AfterMarker(lines[index], "//") ?? (lines[index].TrimStart().StartsWith('*') ? lines[index] : null),
                    CommentKind.Hash => AfterMarker(lines[index], "#"),
                    _ => XmlComment(lines[index], ref inXmlComment),
                };
                if (comment is not null)
                {
                    yield return (Relative(file), index + 1, comment);
                }
            }
        }
    }

    /// <summary>The text from <paramref name="marker"/> on, where it starts a comment (not inside a string); null when none does.</summary>
    private static string? AfterMarker(string line, string marker)
    {
        for (var at = line.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = line.IndexOf(marker, at + 1, StringComparison.Ordinal))
        {
            var quotes = line[..at].Count(c => c == '"');
            var startsWord = marker != "#" || at == 0 || char.IsWhiteSpace(line[at - 1]);
            if (quotes % 2 == 0 && startsWord)
            {
                return line[at..];
            }
        }

        return null;
    }

    /// <summary>The part of a line inside <c>&lt;!-- --&gt;</c>, following a comment across lines.</summary>
    private static string? XmlComment(string line, ref bool inComment)
    {
        var text = new StringBuilder();
        var rest = line;
        while (rest.Length > 0)
        {
            if (inComment)
            {
                var end = rest.IndexOf("-->", StringComparison.Ordinal);
                text.Append(end < 0 ? rest : rest[..end]).Append(' ');
                inComment = end < 0;
                rest = end < 0 ? string.Empty : rest[(end + 3)..];
            }
            else
            {
                var start = rest.IndexOf("<!--", StringComparison.Ordinal);
                if (start < 0)
                {
                    break;
                }

                inComment = true;
                rest = rest[(start + 4)..];
            }
        }

        return text.Length == 0 ? null : text.ToString();
    }

    private static IEnumerable<string> MarkdownFiles() =>
        RepositoryFiles().Where(file => file.EndsWith(".md", StringComparison.OrdinalIgnoreCase));

    private static IEnumerable<string> RepositoryFiles()
    {
        var folders = new Stack<string>([RepositoryRoot.Path]);
        while (folders.Count > 0)
        {
            var folder = folders.Pop();
            foreach (var file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                yield return file;
            }

            foreach (var child in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).Reverse())
            {
                var name = Path.GetFileName(child);
                if (!SkippedFolders.Contains(name) && !new DirectoryInfo(child).Attributes.HasFlag(FileAttributes.ReparsePoint))
                {
                    folders.Push(child);
                }
            }
        }
    }

    private static string Relative(string path) => Path.GetRelativePath(RepositoryRoot.Path, path).Replace('\\', '/');

    private enum CommentKind
    {
        None,
        Document,
        Slashes,
        Hash,
        Xml,
    }

    // A path under docs/ named in prose, e.g. docs/design/contract.md#exit-codes (not part of a longer path or URL).
    [GeneratedRegex(@"(?<![\w./-])(?<path>docs/[\w./-]*\w\.md)(?:#(?<anchor>[\w-]+))?")]
    private static partial Regex DocsCitation();

    [GeneratedRegex(@"(?<!!)\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)|!\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex HasScheme();

    [GeneratedRegex(@"^#{1,6}\s+(?<text>.+?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<a\s+(?:id|name)=""(?<id>[^""]+)""")]
    private static partial Regex ExplicitAnchor();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkInHeading();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex InlineCode();
}
