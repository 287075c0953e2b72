namespace SpecCake.Implementation;

/// <summary>
/// Where one ImplementSpec run works: the repository root (the agent's and the verify commands'
/// working directory) and the run's artifact folder, <c>.artifacts/implement/&lt;id&gt;/</c>,
/// which holds prompts, transcripts and verify logs and is never committed.
/// </summary>
internal sealed class ImplementationWorkspace
{
    /// <summary>The artifact folder of every spec, relative to the repository root.</summary>
    public const string ArtifactsRoot = ".artifacts/implement";

    /// <param name="root">The repository root.</param>
    /// <param name="specId">The spec ID (its lower-case form names the folder).</param>
    /// <param name="alsoExcluded">Other paths relative to the root that SpecCake itself writes (the rate-limit state file).</param>
    public ImplementationWorkspace(string root, string specId, IEnumerable<string> alsoExcluded)
    {
        Root = root;
        ArtifactsRelative = $"{ArtifactsRoot}/{specId.ToLowerInvariant()}";
        ArtifactsDirectory = Path.Combine(root, ArtifactsRelative);
        Excluded = [ArtifactsRoot, .. alsoExcluded];
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The artifact folder, relative to the root with forward slashes.</summary>
    public string ArtifactsRelative { get; }

    /// <summary>The artifact folder's full path.</summary>
    public string ArtifactsDirectory { get; }

    /// <summary>Paths (relative to the root) left out of the clean-tree check and the commit: what SpecCake writes itself.</summary>
    public IReadOnlyList<string> Excluded { get; }

    /// <summary>The full path of an artifact file.</summary>
    /// <param name="name">Its file name, e.g. <c>agent-1.jsonl</c>.</param>
    public string Artifact(string name) => Path.Combine(ArtifactsDirectory, name);

    /// <summary>Empties the artifact folder: a rerun's files replace the last run's.</summary>
    public void ResetArtifacts()
    {
        if (Directory.Exists(ArtifactsDirectory))
        {
            Directory.Delete(ArtifactsDirectory, recursive: true);
        }

        Directory.CreateDirectory(ArtifactsDirectory);
    }

    /// <summary>A path relative to the root, when <paramref name="fullPath"/> is inside it.</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="fullPath">Any full path.</param>
    public static string? RelativeInside(string root, string fullPath)
    {
        var relative = Path.GetRelativePath(root, fullPath).Replace('\\', '/');
        return relative.StartsWith("../", StringComparison.Ordinal) || relative == ".." || Path.IsPathRooted(relative) ? null : relative;
    }
}
