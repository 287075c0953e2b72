using System.Reflection;
using System.Text;
using SpecCake.Specs;

namespace SpecCake.Setup;

/// <summary>
/// Init's work on a repository: the files a choice asks for, and writing those that are missing.
/// Nothing is ever overwritten (a file, a folder or a link already at a path is left alone, and the
/// write itself refuses a file that appeared meanwhile), and nothing is written outside the
/// repository (a folder on the way that is a link out of it stops that file).
/// </summary>
internal static class RepositorySetup
{
    /// <summary>The tool manifest's paths: <c>dotnet tool restore</c> and the launchers read either.</summary>
    public static readonly IReadOnlyList<string> ManifestPaths = [".config/dotnet-tools.json", "dotnet-tools.json"];

    /// <summary>The tool's package version, as its manifest pins it: the running addin's.</summary>
    public static string ToolVersion { get; } =
        (typeof(RepositorySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.1.0").Split('+')[0];

    /// <summary>Every file the choice asks for, in the order they are reported.</summary>
    /// <param name="choice">What was chosen.</param>
    /// <param name="root">The repository root (a manifest there is kept, not replaced).</param>
    public static IReadOnlyList<SetupFile> Files(SetupChoice choice, string root)
    {
        var files = new List<SetupFile>
        {
            new(SetupTemplates.ConfigPath, SetupTemplates.Config(choice), choice.Integrations.Count == 0 ? "the configuration" : $"the configuration; enabled: {string.Join(", ", choice.Integrations.Select(descriptor => descriptor.Key))}"),
            new(SetupTemplates.SamplePath, SetupTemplates.SampleSpec(), "a sample spec, draft"),
            new(SetupTemplates.WorkflowPath, SetupTemplates.Workflow(choice), "the workflow"),
            new("schemas/specs.config.schema.json", SetupTemplates.Schema("specs.config.schema.json"), "the configuration's JSON Schema, for editors"),
            new("schemas/spec.schema.json", SetupTemplates.Schema("spec.schema.json"), "the specs' JSON Schema, for editors"),
        };
        files.AddRange(SetupTemplates.Launchers.Select(name => new SetupFile(name, SetupTemplates.Launcher(name), "the launcher the workflow starts SpecCake with", Executable: name.EndsWith(".sh", StringComparison.Ordinal))));
        if (FindManifest(root) is null)
        {
            files.Add(new SetupFile(ManifestPaths[0], Manifest(), $"the tool manifest, SpecCake.Tool {ToolVersion}"));
        }

        return files;
    }

    /// <summary>Writes each missing file (or, in a dry run, only says it would); returns what happened to each.</summary>
    public static IReadOnlyList<SetupOutcome> Apply(IReadOnlyList<SetupFile> files, string root, bool dryRun)
    {
        var realRoot = RepositoryBoundary.RealPath(root) ?? Path.GetFullPath(root);
        var outcomes = new List<SetupOutcome>();
        foreach (var file in files)
        {
            var path = Path.Join(realRoot, file.Path);
            if (Exists(path))
            {
                outcomes.Add(new SetupOutcome(file, SetupAction.LeftAlone));
                continue;
            }

            if (Outside(realRoot, Path.GetDirectoryName(path)!) is { } link)
            {
                outcomes.Add(new SetupOutcome(file, SetupAction.Refused, $"{link} leads out of the repository"));
                continue;
            }

            if (dryRun)
            {
                outcomes.Add(new SetupOutcome(file, SetupAction.WouldWrite));
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
                {
                    stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(file.Content));
                }

                if (file.Executable && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                }

                outcomes.Add(new SetupOutcome(file, SetupAction.Written));
            }
            catch (IOException) when (Exists(path))
            {
                // Someone wrote it between the look and the write: theirs stays.
                outcomes.Add(new SetupOutcome(file, SetupAction.LeftAlone));
            }
        }

        return outcomes;
    }

    /// <summary>
    /// The tool manifest <c>dotnet tool</c> would use from <paramref name="directory"/>: the first found in it
    /// or a folder above; null when there is none.
    /// </summary>
    public static string? FindManifest(string directory)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(directory)); folder is not null; folder = folder.Parent)
        {
            if (ManifestPaths.Select(path => Path.Join(folder.FullName, path)).FirstOrDefault(File.Exists) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Whether a file, a folder or a link (even a broken one) is at <paramref name="path"/>.</summary>
    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    // The part of the folder (relative to the root) that resolves outside the root, or null.
    private static string? Outside(string realRoot, string folder)
    {
        for (var current = folder; current.Length > realRoot.Length; current = Path.GetDirectoryName(current)!)
        {
            if (!Exists(current))
            {
                continue;
            }

            if (RepositoryBoundary.RealPath(current) is not { } real || !RepositoryBoundary.IsWithin(real, realRoot))
            {
                return Path.GetRelativePath(realRoot, current).Replace('\\', '/');
            }
        }

        return null;
    }

    private static string Manifest() => $$"""
        {
          "version": 1,
          "isRoot": true,
          "tools": {
            "speccake.tool": {
              "version": "{{ToolVersion}}",
              "commands": [
                "speccake"
              ],
              "rollForward": false
            }
          }
        }

        """;
}

/// <summary>A file Init writes.</summary>
/// <param name="Path">Relative to the repository root, with <c>/</c>.</param>
/// <param name="Content">Its text.</param>
/// <param name="What">What it is, for the report.</param>
/// <param name="Executable">Whether it is a script to mark executable.</param>
internal sealed record SetupFile(string Path, string Content, string What, bool Executable = false);

/// <summary>What happened to a file.</summary>
internal enum SetupAction
{
    Written,
    WouldWrite,
    LeftAlone,
    Refused,
}

/// <summary>What happened to one file, and why when it was refused.</summary>
internal sealed record SetupOutcome(SetupFile File, SetupAction Action, string? Reason = null);
