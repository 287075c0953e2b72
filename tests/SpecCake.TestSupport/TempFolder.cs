namespace SpecCake.TestSupport;

/// <summary>
/// A new, empty folder under the system's temporary folder for one test (or one fixture), deleted with
/// everything in it when disposed. Read-only files (git makes its objects read-only) are deleted too,
/// links without following them; a folder that cannot be deleted (still in use) is left behind rather
/// than failing the test.
/// </summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Makes the folder <c>speccake-&lt;purpose&gt;-&lt;random&gt;</c>.</summary>
    public TempFolder(string purpose = "test")
    {
        Path = Directory.CreateTempSubdirectory($"speccake-{purpose}-").FullName;
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="relativePath"/> inside the folder (not created).</summary>
    public string Combine(params string[] relativePath) => System.IO.Path.Combine([Path, .. relativePath]);

    /// <summary>Writes <paramref name="content"/> to <paramref name="relativePath"/>, creating its folders; returns the file's full path.</summary>
    public string Write(string relativePath, string content)
    {
        var file = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
        return file;
    }

    public override string ToString() => Path;

    public void Dispose() => Delete(Path);

    /// <summary>Deletes <paramref name="folder"/> and everything in it, read-only files too; a folder still in use is left.</summary>
    public static void Delete(string folder)
    {
        try
        {
            if (!Directory.Exists(folder))
            {
                return;
            }

            // Links are not followed: a test may leave one pointing outside the folder or back up into
            // it (a loop), and Directory.Delete removes the link itself.
            var inside = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
            foreach (var file in Directory.EnumerateFiles(folder, "*", inside))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing a test for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
