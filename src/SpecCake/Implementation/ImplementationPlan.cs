using System.Globalization;
using System.Text;
using SpecCake.Specs;

namespace SpecCake.Implementation;

/// <summary>
/// What <c>ImplementSpec --dryrun</c> prints: the plan (spec, branch, agent, verify commands, pull
/// request, events, artifacts), every command a real run would make, and the first prompt.
/// </summary>
internal static class ImplementationPlan
{
    /// <summary>The dry run's text: the plan, the commands, the first prompt.</summary>
    /// <param name="request">What to implement.</param>
    /// <param name="preflight">What the refusals established.</param>
    /// <param name="baseName">The base branch.</param>
    /// <param name="existingTip">The spec branch's commit on origin when the run will continue on it; null when it starts from the base.</param>
    public static string Describe(ImplementationRequest request, Preflight preflight, string baseName, string? existingTip)
    {
        var spec = request.Spec;
        var options = request.Config.Implementation;
        var fields = preflight.Fields(spec, options, baseName);
        var prompt = ImplementationPrompt.Build(preflight.Template, fields);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"ImplementSpec (dry run: nothing is changed, pushed or sent) for {spec.Id}: {ImplementationText.Line(spec.Title, 120)}\n");
        text.Append("Plan:\n");
        text.Append(CultureInfo.InvariantCulture, $"  spec          {spec.Id}, {spec.Status.ToString().ToLowerInvariant()}{(spec.Status != SpecStatus.Approved ? " (--force)" : string.Empty)}, {spec.File}\n");
        text.Append(CultureInfo.InvariantCulture, $"  branch        {preflight.Branch}, {(existingTip is not null
            ? $"continued on origin's tip {GitWorkspace.Short(existingTip)} (a review round when its pull request is open: the feedback since SpecCake's last commit)"
            : request.Restart ? $"started again from origin/{baseName}, its earlier tip kept under {GitWorkspace.KeptRefs}/{preflight.Branch}/<time>" : $"created from origin/{baseName}")}\n");
        text.Append(CultureInfo.InvariantCulture, $"  agent         {preflight.Agent.Name}, up to {options.MaxAttempts} attempt(s), {options.TimeoutMinutes} min in all\n");
        text.Append(CultureInfo.InvariantCulture, $"  confinement   {preflight.Agent.Confinement}\n");
        foreach (var command in options.Verify)
        {
            text.Append(CultureInfo.InvariantCulture, $"  verify        `{command.Run}` ({command.TimeoutMinutes ?? options.VerifyTimeoutMinutes} min)\n");
        }

        var (users, teams) = PullRequestPublisher.Reviewers(spec.Reviewers);
        text.Append(CultureInfo.InvariantCulture, $"  pull request  {preflight.Repository} {preflight.Branch} -> {baseName} at {preflight.ApiUrl}: \"{ImplementationText.Title(options.PullRequest.Title, fields)}\"");
        text.Append(CultureInfo.InvariantCulture, $"{(options.PullRequest.Draft ? ", draft" : string.Empty)}, labels: {(options.PullRequest.Labels.Count == 0 ? "none" : string.Join(", ", options.PullRequest.Labels))}");
        text.Append(CultureInfo.InvariantCulture, $", reviewers: {(options.PullRequest.RequestReviewers && users.Count + teams.Count > 0 ? string.Join(", ", users.Concat(teams.Select(team => "team " + team))) : "none")}\n");
        text.Append(CultureInfo.InvariantCulture, $"  spec status   {(options.MarkImplemented ? $"set to implemented in {spec.File} by the pull request's commit" : "left as it is (mark_implemented: false)")}\n");
        text.Append("  events        implementation_started, then pr_created (when the pull request is opened) and implementation_completed (or implementation_failed)\n");
        text.Append(CultureInfo.InvariantCulture, $"  artifacts     {preflight.Workspace.ArtifactsRelative}/\n");
        text.Append("Commands:\n");
        var git = GitWorkspace.Plan(preflight.Branch, existingTip is not null ? preflight.Branch : baseName, baseName, preflight.Workspace.Excluded);
        var checkouts = git.Count - 4;
        foreach (var command in git.Take(checkouts))
        {
            text.Append("  ").Append(command).Append('\n');
        }

        text.Append("  ").Append(string.Join(' ', preflight.Agent.CommandLine.Select(Quote))).Append(" < prompt\n");
        foreach (var command in options.Verify)
        {
            var (shell, arguments) = VerifyStep.Shell(command.Run);
            text.Append("  ").Append(string.Join(' ', new[] { shell }.Concat(arguments).Select(Quote))).Append('\n');
        }

        foreach (var command in git.Skip(checkouts))
        {
            text.Append("  ").Append(command).Append('\n');
        }

        text.Append("Prompt (attempt 1):\n").Append(Quoted(prompt, int.MaxValue));
        return text.ToString().TrimEnd('\n');
    }

    // Every line of text that did not come from SpecCake (agent and command output, spec text)
    // starts with "| ", so none of it can be read as a GitHub Actions workflow command.
    /// <summary>Text from outside SpecCake, each line behind <c>  | </c>; at most the last <paramref name="maxLines"/> lines.</summary>
    public static string Quoted(string text, int maxLines)
    {
        var lines = text.TrimEnd().ReplaceLineEndings("\n").Split('\n');
        var shown = lines.Length > maxLines ? lines[^maxLines..] : lines;
        return string.Concat(shown.Select(line => "  | " + line + "\n"));
    }

    /// <summary>An argument as a POSIX shell would need it quoted, for showing a command line.</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ':' or ',' or '@' or '+')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
