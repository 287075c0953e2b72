namespace SpecCake.Specs.Changes;

/// <summary>What happened to a file between two commits.</summary>
internal enum FileChangeKind
{
    Added,
    Modified,
    Deleted,
    Renamed,
    Copied,
    TypeChanged,
}

/// <summary>One line of <c>git diff --name-status</c>.</summary>
/// <param name="Kind">The change.</param>
/// <param name="Path">The path at head (for a deletion: the deleted path), relative to the repository root.</param>
/// <param name="OldPath">For a rename or copy, the path at base.</param>
internal sealed record FileChange(FileChangeKind Kind, string Path, string? OldPath = null)
{
    /// <summary>Parses the NUL-separated output of <c>git diff --name-status -z</c>.</summary>
    public static IReadOnlyList<FileChange> ParseNameStatus(string output)
    {
        var fields = output.Split('\0');
        var changes = new List<FileChange>();
        var i = 0;
        while (i < fields.Length && fields[i].Length > 0)
        {
            var status = fields[i++];
            switch (status[0])
            {
                case 'R' or 'C':
                    // "R100\0old\0new": a score, then both paths.
                    var from = fields[i++];
                    var to = fields[i++];
                    changes.Add(new FileChange(status[0] == 'R' ? FileChangeKind.Renamed : FileChangeKind.Copied, to, from));
                    break;
                default:
                    changes.Add(new FileChange(KindOf(status[0]), fields[i++]));
                    break;
            }
        }

        return changes;
    }

    private static FileChangeKind KindOf(char status) => status switch
    {
        'A' => FileChangeKind.Added,
        'D' => FileChangeKind.Deleted,
        'T' => FileChangeKind.TypeChanged,
        _ => FileChangeKind.Modified,
    };
}
