using Cake.Core;
using SpecCake.Checks;
using SpecCake.Delivery;
using SpecCake.Setup;
using SpecCake.Validation;

namespace SpecCake.Aliases;

/// <summary>
/// The glue behind the Init alias, free of Cake's context so it can be tested: choose, write what is
/// missing, then say what was written and left alone, which secrets to add and what to run next.
/// </summary>
/// <param name="workingDirectory">The repository root.</param>
/// <param name="log">Where the report goes.</param>
/// <param name="dryRun">The running Cake's dry-run flag (settings may override it).</param>
internal sealed class InitTaskRunner(string workingDirectory, IDeliveryLog log, bool dryRun)
{
    /// <summary>The agent <c>--agent</c> accepts.</summary>
    public const string ClaudeCode = "claude-code";

    /// <summary>Runs Init.</summary>
    /// <exception cref="CakeException">An unknown integration or agent, or a file that could not be written inside the repository.</exception>
    public IReadOnlyList<SetupOutcome> Run(InitSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Agent is { } agent && !string.Equals(agent, ClaudeCode, StringComparison.OrdinalIgnoreCase))
        {
            throw new CakeException($"--agent: unknown agent {LogText.Quoted(agent)}; valid: {ClaudeCode} (or leave it out: no ImplementSpec).");
        }

        SetupChoice choice;
        try
        {
            choice = SetupChoice.Parse(settings.Integrations.SelectMany(entry => entry.Split(',')), settings.Agent is not null);
        }
        catch (ArgumentException error)
        {
            throw new CakeException(error.Message);
        }

        var preview = settings.DryRun ?? dryRun;
        var files = RepositorySetup.Files(choice, workingDirectory);
        var outcomes = RepositorySetup.Apply(files, workingDirectory, preview);
        Report(choice, outcomes, preview);
        if (outcomes.FirstOrDefault(outcome => outcome.Action == SetupAction.Refused) is { } refused)
        {
            throw new CakeException($"Init: {refused.File.Path} was not written: {refused.Reason}.");
        }

        return outcomes;
    }

    private void Report(SetupChoice choice, IReadOnlyList<SetupOutcome> outcomes, bool preview)
    {
        foreach (var outcome in outcomes.Where(outcome => outcome.Action == SetupAction.WouldWrite))
        {
            Info($"Init would write {outcome.File.Path} ({outcome.File.What}):");
            foreach (var line in outcome.File.Content.TrimEnd('\n').Split('\n'))
            {
                Info("  | " + line);
            }
        }

        var written = outcomes.Where(outcome => outcome.Action is SetupAction.Written or SetupAction.WouldWrite).ToList();
        var leftAlone = outcomes.Where(outcome => outcome.Action == SetupAction.LeftAlone).ToList();
        foreach (var outcome in written)
        {
            Info($"{(preview ? "would write" : "wrote"),-12}{outcome.File.Path} ({outcome.File.What})");
        }

        foreach (var outcome in leftAlone)
        {
            Info($"{"left alone",-12}{outcome.File.Path} (already there)");
        }

        foreach (var outcome in outcomes.Where(outcome => outcome.Action == SetupAction.Refused))
        {
            log.Write(DeliveryLogLevel.Error, $"{"not written",-12}{outcome.File.Path} ({outcome.Reason})");
        }

        Info(written.Count == 0
            ? "Init changed nothing: every file is already there."
            : preview ? $"Init --dryrun: {written.Count} file(s) would be written; nothing was." : $"Init wrote {written.Count} file(s).");

        var secrets = choice.RepositorySecrets;
        if (secrets.Count > 0)
        {
            Info("Add the secrets the chosen integrations need to the repository (Settings → Secrets and variables → Actions, or the GitHub CLI):");
            foreach (var name in secrets)
            {
                Info("  " + SecretsCheck.SetupCommand(name));
            }
        }

        if (choice.Secrets().Any(SetupChoice.IsGitHubs))
        {
            Info("GITHUB_TOKEN is the job's own token, which the workflow passes; a GitHub Projects board of an organization needs a token with the project scope instead.");
        }

        if (RepositorySetup.FindManifest(workingDirectory) is { } manifest
            && !File.ReadAllText(manifest).Contains("\"speccake.tool\"", StringComparison.OrdinalIgnoreCase))
        {
            Info($"The tool manifest has no SpecCake.Tool: dotnet tool install --local SpecCake.Tool --version {RepositorySetup.ToolVersion}");
        }

        var run = SetupTemplates.Launchers.Count > 0 ? SetupTemplates.ToolCommand : "dotnet speccake";
        Info("Next:");
        Info($"  {run} --target=ValidateSpecs        checks the files (no secret needed)");
        Info($"  {run} --target=CheckIntegrations    checks each integration against its service, read-only, with the secrets in your environment");
        Info($"  {run} --target=TestIntegrations     sends a marked test message through each one");
    }

    private void Info(string message) => log.Write(DeliveryLogLevel.Information, message);
}
