using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Implementation;
using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>
/// What the <c>implementation</c> block needs beyond the schema: a <c>command</c> for
/// <c>agent: command</c>, a prompt template that exists, a branch pattern that makes a valid
/// branch. Secrets (<c>ANTHROPIC_API_KEY</c>, <c>GITHUB_TOKEN</c>) are ImplementSpec's to check
/// when it runs: validating specs needs neither.
/// </summary>
internal static class ImplementationRequirements
{
    /// <summary>Checks <c>implementation</c> in <paramref name="document"/>.</summary>
    /// <param name="document">The configuration.</param>
    /// <param name="configDirectory">The config file's folder (the prompt template is relative to it).</param>
    public static void Check(ConfigDocument document, string configDirectory)
    {
        if (document.Node("/implementation") is not JsonObject)
        {
            return;
        }

        if (document.String("/implementation/agent") == "command" && document.Node("/implementation/command") is not JsonArray { Count: > 0 })
        {
            document.ErrorAt("/implementation/agent", "implementation.agent is command but 'command' is not set: add the program and its arguments, e.g. command: [\"my-agent\", \"--yes\"]");
        }

        if (document.String("/implementation/prompt_template") is { Length: > 0 } template
            && !VariableInterpolator.ContainsReference(template))
        {
            var path = Path.Combine(configDirectory, template);
            if (!File.Exists(path))
            {
                document.ErrorAt("/implementation/prompt_template", $"implementation.prompt_template: the file {LogText.Quoted(template)} does not exist (the path is relative to the configuration file)");
            }
            else if (RepositoryBoundary.RealPath(path) is not { } real || !RepositoryBoundary.Find(configDirectory).Contains(real))
            {
                // Like spec files: the template is part of the repository, never a file a link leads out to.
                document.ErrorAt("/implementation/prompt_template", $"implementation.prompt_template: {LogText.Quoted(template)} is outside the repository; keep the template in it");
            }
        }

        if (document.String("/implementation/branch") is { } branch && branch.Contains("{id}", StringComparison.Ordinal))
        {
            try
            {
                BranchName.Expand(branch, "FEAT-0001", "feature");
            }
            catch (ArgumentException error)
            {
                document.ErrorAt("/implementation/branch", $"implementation.branch {error.Message}");
            }
        }

        if (document.Node("/implementation/timeout_minutes") is JsonValue total && total.GetValueKind() == JsonValueKind.Number
            && document.Node("/implementation/agent_timeout_minutes") is JsonValue agent && agent.GetValueKind() == JsonValueKind.Number
            && double.Parse(agent.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) > double.Parse(total.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture))
        {
            document.ErrorAt("/implementation/agent_timeout_minutes", "implementation.agent_timeout_minutes is longer than timeout_minutes (the whole run); make it shorter or leave it out");
        }
    }
}
