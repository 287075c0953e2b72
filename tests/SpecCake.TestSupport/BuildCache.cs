using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpecCake.TestSupport;

/// <summary>
/// The slow outputs the tests need (a published host of each kind, the packed feed), each made once
/// and shared: by every test class, by the test projects running at the same time (a file lock, so
/// the first to ask makes it and the others wait for it), and by later runs while the sources are
/// unchanged. An entry is the folder <c>.artifacts/test-cache/&lt;name&gt;-&lt;key&gt;</c>, complete once its
/// <c>.complete</c> marker is written; <see cref="SourcesKey"/> names the sources it was made from, so
/// an edit makes a new entry (and the old one is deleted). Delete <c>.artifacts/test-cache</c> to
/// start from nothing.
/// </summary>
public static class BuildCache
{
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(30);

    private static readonly Lazy<(string Key, DateTime Newest)> Sources = new(ReadSources);

    /// <summary>Where the entries live.</summary>
    public static string Folder => Path.Combine(RepositoryRoot.Path, ".artifacts", "test-cache");

    /// <summary>
    /// The build inputs of this checkout, hashed: path, size and modification time of every file under
    /// <c>build/</c> and <c>src/</c> (<c>bin</c> and <c>obj</c> left out, as build.sh does),
    /// the content of the shared build settings and of the scripts that build and pack, and the SDK.
    /// Whatever makes build.sh rebuild changes it too.
    /// </summary>
    public static string SourcesKey => Sources.Value.Key;

    /// <summary>The newest modification time among the sources <see cref="SourcesKey"/> covers.</summary>
    public static DateTime NewestSourceWriteUtc => Sources.Value.Newest;

    /// <summary>The complete entry <paramref name="name"/> for these sources, made by <paramref name="create"/> (given the empty folder) when missing.</summary>
    public static string Entry(string name, Action<string> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var folder = Path.Combine(Folder, $"{name}-{SourcesKey}");
        var complete = Path.Combine(folder, ".complete");
        if (File.Exists(complete))
        {
            return folder;
        }

        using (Lock(name))
        {
            if (File.Exists(complete))
            {
                return folder;
            }

            // Half made (a run stopped while making it): from nothing again.
            Delete(folder);
            Directory.CreateDirectory(folder);
            create(folder);
            File.WriteAllText(complete, DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));

            // Entries of older sources are not used again (and a host with its intermediate files is ~400 MB).
            foreach (var other in Directory.EnumerateDirectories(Folder, name + "-*"))
            {
                if (other != folder && Path.GetFileName(other).Length == name.Length + 1 + SourcesKey.Length)
                {
                    Delete(other);
                }
            }
        }

        return folder;
    }

    /// <summary>
    /// Holds the lock <paramref name="name"/> until disposed: an exclusive lock on a file, which other
    /// processes (the other test projects) respect too. Waits while someone else holds it.
    /// </summary>
    public static IDisposable Lock(string name)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".lock");
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock(2) on Unix: released when the file is closed, or the process dies.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(250);
            }
        }
    }

    private static (string Key, DateTime Newest) ReadSources()
    {
        var root = RepositoryRoot.Path;
        var lines = new List<string>();
        var newest = DateTime.MinValue;
        void Add(FileInfo info, string text)
        {
            lines.Add(text);
            newest = info.LastWriteTimeUtc > newest ? info.LastWriteTimeUtc : newest;
        }

        void Walk(DirectoryInfo directory)
        {
            foreach (var file in directory.EnumerateFiles())
            {
                Add(file, $"{Path.GetRelativePath(root, file.FullName)} {file.Length} {file.LastWriteTimeUtc.Ticks}");
            }

            foreach (var child in directory.EnumerateDirectories())
            {
                if (child.Name is not ("bin" or "obj"))
                {
                    Walk(child);
                }
            }
        }

        Walk(new DirectoryInfo(Path.Combine(root, "build")));
        Walk(new DirectoryInfo(Path.Combine(root, "src")));
        string[] shared =
        [
            "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config",
            "nuget.config", "build.sh", "build.ps1", "pack.sh", ".config/dotnet-tools.json",
        ];
        foreach (var name in shared)
        {
            var file = new FileInfo(Path.Combine(root, name));
            if (file.Exists)
            {
                Add(file, $"{name} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName)))}");
            }
        }

        var sdk = ProcessRun.Start("dotnet", ["--version"], root, timeout: TimeSpan.FromMinutes(1));
        lines.Add("sdk " + sdk.Output.Trim());
        lines.Sort(StringComparer.Ordinal);
        return (Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))))[..16].ToLowerInvariant(), newest);
    }

    private static void Delete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // In use elsewhere, or already going: the next entry made deletes it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
