namespace SpecCake.TestSupport;

/// <summary>
/// A repository that uses SpecCake, as a developer makes it: a config, spec files and real git commits
/// (through <see cref="GitRunner"/>). An instance is a repository in its own folder, by default a new
/// temporary one, deleted when disposed; it is a plain folder of spec files until <see cref="Init"/>
/// or <see cref="Git"/> makes it a git repository. The static members write into a folder someone
/// else owns (a fixture's).
/// </summary>
public sealed class SpecRepository : IDisposable
{
    public const string ValidSpec = """
        id: FEAT-0001
        title: User Authentication
        status: approved
        type: feature
        owner: "@team"
        reviewers: ["@alice"]
        acceptance_criteria:
          - id: AC-1
            text: Users can sign in with email and password
        """;

    /// <summary>A repository (not yet <c>git init</c>-ed) in <paramref name="path"/>, or in a new temporary folder.</summary>
    public SpecRepository(string? path = null)
    {
        Path = path ?? Directory.CreateTempSubdirectory("speccake-git-").FullName;
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Where its <c>specs.config.yaml</c> is.</summary>
    public string ConfigPath => System.IO.Path.Combine(Path, "specs.config.yaml");

    /// <summary>A new repository in a temporary folder, <c>git init</c>-ed (branch <c>main</c>).</summary>
    public static SpecRepository Init()
    {
        var repository = new SpecRepository();
        repository.Git("init", "-q");
        return repository;
    }

    /// <summary>The smallest valid spec: an id, a title and a status.</summary>
    public static string MinimalSpec(string id, string status = "draft") => $"id: {id}\ntitle: Spec {id}\nstatus: {status}\n";

    /// <summary>A <c>specs.config.yaml</c> with one webhook endpoint, signed with <c>${SPECCAKE_TEST_WEBHOOK_SECRET}</c>.</summary>
    public static string ConfigWithWebhook(string url, params string[] events) => $$"""
        specs:
          paths: ["specs/**/*.yaml"]
        notifications:
          fail_on_error: true
          state_file: ".speccake/state.json"
        integrations:
          webhooks:
            enabled: true
            endpoints:
              - name: "loopback"
                url: "{{url}}"
                events: [{{string.Join(", ", events.Select(e => $"\"{e}\""))}}]
                secret: "${SPECCAKE_TEST_WEBHOOK_SECRET}"
        """;

    /// <summary>Writes <paramref name="content"/> and a final newline to <paramref name="relativePath"/> in <paramref name="directory"/>.</summary>
    public static void Write(string directory, string relativePath, string content) =>
        WriteFile(directory, relativePath, content + "\n");

    /// <summary>Runs git in <paramref name="directory"/> (see <see cref="GitRunner"/>).</summary>
    public static Task GitAsync(string directory, params string[] arguments) => GitRunner.RunAsync(directory, arguments);

    /// <summary>Commits everything in <paramref name="directory"/>.</summary>
    public static async Task CommitAllAsync(string directory, string message)
    {
        await GitAsync(directory, "add", "-A");
        await GitAsync(directory, "commit", "-q", "-m", message);
    }

    /// <summary>Writes <paramref name="content"/> as it is to <paramref name="relativePath"/>, creating its folders.</summary>
    public SpecRepository Write(string relativePath, string content)
    {
        WriteFile(Path, relativePath, content);
        return this;
    }

    /// <summary>Commits everything (an empty commit when nothing changed); returns the new commit's id.</summary>
    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "--allow-empty", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    /// <summary>Moves a tracked file the way a developer would (<c>git mv</c>), creating the target folder.</summary>
    public SpecRepository Move(string from, string to)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.Combine(Path, to))!);
        Git("mv", from, to);
        return this;
    }

    /// <summary>Runs git here; returns its standard output.</summary>
    public string Git(params string[] arguments) => GitRunner.Run(Path, arguments);

    public void Dispose() => TempFolder.Delete(Path);

    private static void WriteFile(string directory, string relativePath, string content)
    {
        var file = System.IO.Path.Combine(directory, relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content);
    }
}
