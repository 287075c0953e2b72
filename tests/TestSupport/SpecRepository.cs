namespace SpecCake.TestSupport;

/// <summary>Writes the files of a repository that uses SpecCake: a config, spec files, git commits.</summary>
internal static class SpecRepository
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

    public static void Write(string directory, string relativePath, string content)
    {
        var path = Path.Combine(directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content + "\n");
    }

    public static async Task GitAsync(string directory, params string[] arguments)
    {
        var result = await ProcessRun.RunAsync(
            "git",
            ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", .. arguments],
            directory,
            new Dictionary<string, string?>
            {
                ["GIT_AUTHOR_NAME"] = "Spec Author",
                ["GIT_AUTHOR_EMAIL"] = "author@example.com",
                ["GIT_COMMITTER_NAME"] = "Spec Author",
                ["GIT_COMMITTER_EMAIL"] = "author@example.com",
            },
            TimeSpan.FromSeconds(30));
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {result}");
        }
    }

    public static async Task CommitAllAsync(string directory, string message)
    {
        await GitAsync(directory, "add", "-A");
        await GitAsync(directory, "commit", "-q", "-m", message);
    }
}
