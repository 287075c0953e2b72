using Octokit;
using SpecCake.Checks;
using SpecCake.Configuration;
using SpecCake.Http;
using RepositoryReference = SpecCake.Events.RepositoryReference;

namespace SpecCake.Implementation;

/// <summary>
/// CheckIntegrations' checks of ImplementSpec's setup, under the name <c>implementation</c>: its
/// secrets, the agent's program (Claude Code's version), and the GitHub repository the pull request
/// goes to, read with the token (readable, and the token may push). See docs/checks.md.
/// </summary>
internal static class ImplementationChecks
{
    /// <summary>The name in the table and for <c>--only</c>.</summary>
    public const string Name = "implementation";

    /// <summary>The checks, when the configuration has an <c>implementation</c> block; else null.</summary>
    public static CheckSubject? Subject(SpecCakeConfig config) =>
        config.Implementation.IsConfigured
            ? new CheckSubject(Name, () => [new SecretsSetCheck(config.Implementation), new AgentProgramCheck(config.Implementation), new RepositoryCheck()])
            : null;

    /// <summary>ANTHROPIC_API_KEY (for Claude Code) and GITHUB_TOKEN are set.</summary>
    private sealed class SecretsSetCheck(ImplementationOptions options) : IIntegrationCheck
    {
        public string Name => "secrets";

        // The CLI can be checked without them; the repository check needs the token and says so.
        public bool IsPrerequisite => false;

        public Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var missing = new List<string>();
            var fixes = new List<string>();
            if (options.Agent == ImplementationAgent.ClaudeCode && context.Variable(SecretNames.AnthropicApiKey) is null)
            {
                missing.Add($"{SecretNames.AnthropicApiKey} (Claude Code's API key)");
                fixes.Add(SecretsCheck.SetupCommand(SecretNames.AnthropicApiKey));
            }

            if (context.Variable(SecretNames.GitHubToken) is null)
            {
                missing.Add($"{SecretNames.GitHubToken} (to push and open the pull request)");
                fixes.Add($"GitHub Actions provides {SecretNames.GitHubToken}: pass it to the job's env ({SecretNames.GitHubToken}: ${{{{ secrets.GITHUB_TOKEN }}}}); elsewhere set it to a token with contents and pull requests: write");
            }

            return Task.FromResult(missing.Count == 0
                ? CheckOutcome.Pass("set: " + (options.Agent == ImplementationAgent.ClaudeCode ? SecretNames.AnthropicApiKey + ", " : string.Empty) + SecretNames.GitHubToken)
                : CheckOutcome.Fail($"not set: {string.Join(", ", missing)}", string.Join("; ", fixes)));
        }
    }

    /// <summary>The agent's program is installed: Claude Code answers <c>--version</c>; a command agent's program is found.</summary>
    private sealed class AgentProgramCheck(ImplementationOptions options) : IIntegrationCheck
    {
        private static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(20);

        public string Name => options.Agent == ImplementationAgent.ClaudeCode ? "claude CLI" : "agent command";

        public bool IsPrerequisite => false;

        public async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            if (options.Agent == ImplementationAgent.Command)
            {
                var program = options.Command.Count > 0 ? options.Command[0] : string.Empty;
                return program.Length > 0 && ExecutableLookup.Find(program, context.WorkingDirectory, context.Environment) is { } path
                    ? CheckOutcome.Pass($"{program} found at {path}")
                    : CheckOutcome.Fail($"implementation.command: the program '{program}' was not found (on PATH, or relative to the repository root)", "install it, or fix the path in implementation.command");
            }

            if (ExecutableLookup.Find(options.Executable, context.WorkingDirectory, context.Environment) is not { } executable)
            {
                return CheckOutcome.Fail(
                    $"the Claude Code CLI ('{options.Executable}') was not found{(options.Executable.Contains('/', StringComparison.Ordinal) ? string.Empty : " on PATH")}",
                    "npm install -g @anthropic-ai/claude-code (in GitHub Actions, after actions/setup-node), or set implementation.executable to its path");
            }

            using var output = new CapturedOutput(context.Masker, path: null, fileLimit: 0, tailLength: 500);
            var outcome = await ChildProcess.RunAsync(
                new ProcessStart(executable, ["--version"], context.WorkingDirectory, AgentEnvironment.Scrub(context.Environment, [], keepAnthropicKey: false), null, VersionTimeout),
                output,
                output,
                cancellationToken).ConfigureAwait(false);
            output.Flush();
            var version = output.Tail.Trim();
            return outcome.Succeeded && version.Length > 0
                ? CheckOutcome.Pass($"{version} at {executable}")
                : CheckOutcome.Fail(
                    $"{executable} --version {(outcome.End == ProcessEnd.Exited ? $"exited with {outcome.ExitCode}" : outcome.StartError ?? outcome.End.ToString().ToLowerInvariant())}{(version.Length > 0 ? ": " + version : string.Empty)}",
                    "reinstall it: npm install -g @anthropic-ai/claude-code");
        }
    }

    /// <summary>
    /// The repository (GITHUB_REPOSITORY, or the clone's GitHub origin) is readable with the token, the token
    /// may push to it, and its pull requests can be listed: <c>GET /repos/{owner}/{name}</c> (its
    /// <c>permissions</c>) and <c>GET /repos/{owner}/{name}/pulls</c>, through Octokit.
    /// </summary>
    private sealed class RepositoryCheck : IIntegrationCheck
    {
        public string Name => "GitHub repository";

        public bool IsPrerequisite => false;

        public async Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken)
        {
            if (context.Variable(SecretNames.GitHubToken) is null)
            {
                return CheckOutcome.Skip($"needs {SecretNames.GitHubToken}");
            }

            if (RepositoryReference.Parse(context.Variable("GITHUB_REPOSITORY")) is not { } repository)
            {
                return CheckOutcome.Fail("cannot tell which GitHub repository the pull request goes to", "set GITHUB_REPOSITORY=owner/name (GitHub Actions sets it), or give the clone a GitHub origin");
            }

            var apiText = context.Variable("GITHUB_API_URL") ?? GitHubConnection.DefaultApiUrl;
            if (!ValueRules.IsAcceptableUrl(apiText) || !Uri.TryCreate(apiText, UriKind.Absolute, out var apiUrl))
            {
                return CheckOutcome.Fail($"GITHUB_API_URL {ValueRules.UrlRule}", "fix GITHUB_API_URL, or leave it unset for github.com");
            }

            var client = Integrations.GitHubClientFactory.Create(apiUrl, context.Variable(SecretNames.GitHubToken)!, context.RetryPolicy, context.TimeProvider);
            try
            {
                var found = await client.Repository.Get(repository.Owner, repository.Name).ConfigureAwait(false);
                await client.PullRequest.GetAllForRepository(repository.Owner, repository.Name, new ApiOptions { PageSize = 1, PageCount = 1 }).ConfigureAwait(false);
                if (found.Permissions is { } permissions && !permissions.Push)
                {
                    return CheckOutcome.Fail(
                        $"{repository} is readable, but the token may not push to it",
                        "give the token write access to the repository's contents and pull requests (in a workflow: permissions: contents: write, pull-requests: write)");
                }

                return found.Permissions is null
                    ? CheckOutcome.Warn(
                        $"{repository} and its pull requests are readable; GitHub did not say whether the token may push (a workflow's own token)",
                        "give the implement job permissions: contents: write and pull-requests: write")
                    : CheckOutcome.Pass($"{repository} is readable, the token may push and open pull requests (default branch {found.DefaultBranch})");
            }
            catch (AuthorizationException)
            {
                return CheckOutcome.Fail($"GitHub refused {SecretNames.GitHubToken} (401)", $"set {SecretNames.GitHubToken} to a valid token");
            }
            catch (NotFoundException)
            {
                return CheckOutcome.Fail($"{repository} does not exist or the token cannot see it (404)", $"check GITHUB_REPOSITORY, and give the token access to {repository}");
            }
            catch (ApiException error)
            {
                return CheckOutcome.Fail($"GitHub answered {(int)error.StatusCode}: {error.Message}", "run it again; if it persists, check GITHUB_API_URL and the token");
            }
            catch (HttpRequestException error)
            {
                return CheckOutcome.Fail($"GitHub at {apiUrl} could not be reached: {error.Message}", "check GITHUB_API_URL and the network");
            }
        }
    }
}
