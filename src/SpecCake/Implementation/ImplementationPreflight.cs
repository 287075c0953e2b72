using System.Globalization;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Events;
using SpecCake.Specs;
using SpecCake.State;
using RepositoryReference = SpecCake.Events.RepositoryReference;

namespace SpecCake.Implementation;

/// <summary>
/// ImplementSpec's refusals, before anything is changed or sent, each one message that says what
/// to do: a spec that is not approved (unless forced), no git repository, a dirty working tree, no
/// <c>origin</c>, a missing agent program (with how to install Claude Code), missing secrets, no
/// GitHub repository, a bad <c>GITHUB_API_URL</c>, an unreadable prompt template.
/// </summary>
internal sealed class ImplementationPreflight(ImplementationRequest request, ImplementationHost host)
{
    private readonly ImplementationOptions _options = request.Config.Implementation;
    private readonly Spec _spec = request.Spec;

    /// <summary>Runs every check; the first that fails throws its refusal.</summary>
    /// <exception cref="ImplementationException">A refusal: nothing was changed or sent.</exception>
    public async Task<Preflight> CheckAsync(SecretMasker masker, CancellationToken cancellationToken)
    {
        var environment = host.Environment;
        if (_spec.Status == SpecStatus.Implemented && !request.Force)
        {
            throw new ImplementationException(
                $"{_spec.Id} is already implemented (status: implemented in {_spec.File}): its pull request was merged. Pass --force to implement it again.");
        }

        if (_spec.Status != SpecStatus.Approved && !request.Force)
        {
            throw new ImplementationException(
                $"the status of {_spec.Id} is {_spec.Status.ToString().ToLowerInvariant()}, not approved: ImplementSpec implements approved specs only. " +
                "Set status: approved in " + _spec.File + " once it is reviewed, or pass --force to implement it anyway.");
        }

        var root = await GitWorkspace.FindRootAsync(host.WorkingDirectory, environment, cancellationToken).ConfigureAwait(false)
            ?? throw new ImplementationException($"{host.WorkingDirectory} is not inside a git repository: ImplementSpec commits to a branch, so run it in a clone.");

        string branch;
        try
        {
            branch = BranchName.For(_options.Branch, _spec);
        }
        catch (ArgumentException exception)
        {
            throw new ImplementationException($"implementation.branch: {exception.Message}");
        }

        // SpecCake's own state (rate-limit windows, what each run delivered) is never the agent's work.
        var stateFile = SpecEventNotifier.StateFilePath(request.Config, new SpecEventNotifierOptions { BaseDirectory = host.WorkingDirectory });
        var excluded = new[] { stateFile, DeliveryLedger.PathBeside(stateFile) }
            .Select(path => ImplementationWorkspace.RelativeInside(root, path))
            .OfType<string>()
            .ToArray();
        var workspace = new ImplementationWorkspace(root, _spec.Id, excluded);
        var git = new GitWorkspace(workspace, environment, masker);
        var dirty = await git.DirtyPathsAsync(cancellationToken).ConfigureAwait(false);
        if (dirty.Count > 0)
        {
            var shown = string.Join(", ", dirty.Take(5)) + (dirty.Count > 5 ? string.Create(CultureInfo.InvariantCulture, $" and {dirty.Count - 5} more") : string.Empty);
            throw new ImplementationException(
                $"the working tree has uncommitted changes ({shown}): ImplementSpec commits everything the agent changes, so it starts from a clean tree. Commit or stash them (git stash --include-untracked), then run it again.");
        }

        if (await git.OriginAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ImplementationException("this clone has no 'origin' remote: ImplementSpec pushes the spec branch there; add it with git remote add origin <url>.");
        }

        var missing = new List<string>();
        if (_options.Agent == ImplementationAgent.ClaudeCode && string.IsNullOrWhiteSpace(environment.GetValueOrDefault(SecretNames.AnthropicApiKey)))
        {
            missing.Add($"{SecretNames.AnthropicApiKey} (Claude Code's API key)");
        }

        var token = environment.GetValueOrDefault(SecretNames.GitHubToken);
        if (string.IsNullOrWhiteSpace(token))
        {
            missing.Add($"{SecretNames.GitHubToken} (to open the pull request)");
        }

        var agent = Agent(workspace, branch, masker);
        if (missing.Count > 0)
        {
            throw new ImplementationException(
                $"the secret{(missing.Count > 1 ? "s" : string.Empty)} {string.Join(" and ", missing)} {(missing.Count > 1 ? "are" : "is")} not set: add {(missing.Count > 1 ? "them" : "it")} to the repository's secrets and pass {(missing.Count > 1 ? "them" : "it")} to the job's env.");
        }

        var repository = RepositoryReference.Parse(environment.GetValueOrDefault("GITHUB_REPOSITORY"))
            ?? throw new ImplementationException("cannot tell which GitHub repository to open the pull request in: set GITHUB_REPOSITORY=owner/name (GitHub Actions sets it), or give the clone a GitHub origin.");
        var apiText = environment.GetValueOrDefault("GITHUB_API_URL") is { Length: > 0 } given ? given : GitHubConnection.DefaultApiUrl;
        if (!ValueRules.IsAcceptableUrl(apiText) || !Uri.TryCreate(apiText, UriKind.Absolute, out var apiUrl))
        {
            throw new ImplementationException($"GITHUB_API_URL {ValueRules.UrlRule}.");
        }

        var template = ImplementationPrompt.DefaultTemplate;
        if (_options.PromptTemplate is { } templateFile)
        {
            var path = Path.Combine(Path.GetDirectoryName(request.Config.SourceFile) ?? host.WorkingDirectory, templateFile);
            // Read as spec files are: a regular file of at most 1 MiB of strict UTF-8.
            var problems = new List<Validation.ValidationError>();
            try
            {
                template = Validation.SourceText.Read(path, templateFile, "prompt template", problems)
                    ?? throw new ImplementationException($"implementation.prompt_template: {problems[0]}");
            }
            catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
            {
                throw new ImplementationException($"implementation.prompt_template: cannot read {Validation.LogText.Quoted(templateFile)}: it does not exist");
            }
        }

        return new Preflight(workspace, git, branch, agent, repository, apiUrl, token!, template, masker);
    }

    private ICodingAgent Agent(ImplementationWorkspace workspace, string branch, SecretMasker masker)
    {
        var environment = AgentEnvironment.Scrub(host.Environment, request.Secrets, keepAnthropicKey: true);
        if (_options.Agent == ImplementationAgent.Command)
        {
            var program = _options.Command[0];
            var found = ExecutableLookup.Find(program, workspace.Root, host.Environment)
                ?? throw new ImplementationException($"implementation.command: the program '{program}' was not found (on PATH, or relative to the repository root); install it or fix the path.");
            return new CommandAgent(found, _options, workspace, environment, masker, _spec, branch);
        }

        var rules = ClaudeCodePermissions.For(_options, workspace.Root);
        var executable = ExecutableLookup.Find(_options.Executable, workspace.Root, host.Environment)
            ?? throw new ImplementationException(
                $"the Claude Code CLI ('{_options.Executable}') was not found{(_options.Executable.Contains('/', StringComparison.Ordinal) ? string.Empty : " on PATH")}. " +
                "Install it with `npm install -g @anthropic-ai/claude-code` (in GitHub Actions, after actions/setup-node), or set implementation.executable to its path, or use agent: command with another agent.");
        return new ClaudeCodeAgent(executable, _options, rules, workspace, environment, masker);
    }
}

/// <summary>What the refusals established: where, on which branch, with which agent, towards which repository.</summary>
internal sealed record Preflight(
    ImplementationWorkspace Workspace,
    GitWorkspace Git,
    string Branch,
    ICodingAgent Agent,
    RepositoryReference Repository,
    Uri ApiUrl,
    string Token,
    string Template,
    SecretMasker Masker)
{
    /// <summary>The placeholder values of every template.</summary>
    public Dictionary<string, string> Fields(Spec spec, ImplementationOptions options, string baseName) =>
        SpecFields.For(spec, Branch, baseName, options.Verify, Workspace.Root);
}
