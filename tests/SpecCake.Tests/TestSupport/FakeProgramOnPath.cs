namespace SpecCake.Tests.TestSupport;

/// <summary>
/// The tests that put a stand-in program first on this process's <c>PATH</c>: what a program name
/// resolves to is process-wide, so they run alone, after every other collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessPathCollection
{
    public const string Name = "process PATH";
}

/// <summary>
/// A bash script named <c>name</c> in a temporary folder put first on <c>PATH</c> until disposed, so
/// code that starts <c>name</c> starts the script. Only for tests in <see cref="ProcessPathCollection"/>.
/// </summary>
internal sealed class FakeProgramOnPath : IDisposable
{
    private readonly string? _path = Environment.GetEnvironmentVariable("PATH");
    private readonly TempFolder _folder = new("fake-bin");

    public FakeProgramOnPath(string name, string script)
    {
        Directory.CreateDirectory(Folder);
        var program = Path.Combine(Folder, name);
        File.WriteAllText(program, "#!/usr/bin/env bash\n" + script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(program, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Environment.SetEnvironmentVariable("PATH", Folder + Path.PathSeparator + _path);
    }

    /// <summary>The script's folder, also free for its own files (a pid file, a log).</summary>
    public string Folder => _folder.Path;

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("PATH", _path);
        _folder.Dispose();
    }
}
