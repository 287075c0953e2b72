using SpecCake.Checks;

namespace SpecCake.Integrations.Jira;

/// <summary>Each <c>status_mappings</c> name is a status of the issue type: <c>GET /project/{key}/statuses</c>.</summary>
internal sealed class JiraStatusMappingsCheck(JiraCheckSession session) : IntegrationCheck
{
    public override string Name => "status_mappings";

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var answer = await session.Connection(context).GetAsync($"/project/{Uri.EscapeDataString(session.ProjectKey)}/statuses", cancellationToken).ConfigureAwait(false);
        var type = answer.Items().Cast<Trackers.TrackerAnswer?>().FirstOrDefault(item => string.Equals(item!.Value.OptionalString("name"), session.Options.IssueType, StringComparison.OrdinalIgnoreCase));
        var statuses = type?.OptionalArray("statuses").Select(status => status.OptionalString("name") ?? string.Empty).ToList() ?? [];
        var unknown = session.Options.StatusMappings
            .Where(pair => !string.IsNullOrWhiteSpace(pair.Value) && !statuses.Contains(pair.Value.Trim(), StringComparer.OrdinalIgnoreCase))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => $"\"{pair.Value}\" (status_mappings.{pair.Key})")
            .ToList();
        if (unknown.Count == 0)
        {
            return CheckOutcome.Pass(string.Join(", ", session.Options.StatusMappings.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} → {pair.Value}")));
        }

        return CheckOutcome.Fail(
            $"{session.Options.IssueType} issues of {session.ProjectKey} have no status {string.Join(", ", unknown)}; their statuses: {(statuses.Count == 0 ? "none" : string.Join(", ", statuses))}",
            "set each mapping to one of those status names (as an issue's status shows it)");
    }
}
