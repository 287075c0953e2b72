using SpecCake.Checks;

namespace SpecCake.Integrations.Jira;

/// <summary>Each <c>field_mappings</c> field exists, named with its display name: <c>GET /field</c>.</summary>
internal sealed class JiraFieldsCheck(JiraCheckSession session) : IntegrationCheck
{
    public override string Name => "field_mappings";

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var answer = await session.Connection(context).GetAsync("/field", cancellationToken).ConfigureAwait(false);
        var fields = answer.Items().ToDictionary(field => field.String("id"), field => field.OptionalString("name") ?? string.Empty, StringComparer.Ordinal);
        var found = new List<string>();
        var unknown = new List<string>();
        foreach (var (setting, id) in session.Options.FieldMappings.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (fields.TryGetValue(id, out var name))
            {
                found.Add($"{setting} → {id} ({name})");
            }
            else
            {
                unknown.Add($"{id} (field_mappings.{setting})");
            }
        }

        if (unknown.Count == 0)
        {
            return CheckOutcome.Pass(string.Join(", ", found));
        }

        var custom = fields.Where(field => field.Key.StartsWith("customfield_", StringComparison.Ordinal))
            .OrderBy(field => field.Key, StringComparer.Ordinal)
            .Select(field => $"{field.Key} {field.Value}")
            .ToList();
        return CheckOutcome.Fail(
            $"Jira has no field {string.Join(", ", unknown)}; its custom fields: {(custom.Count == 0 ? "none" : string.Join(", ", custom))}",
            "set each mapping to a custom field's ID (Jira settings → Issues → Custom fields: the number in the field's URL, as customfield_<number>), or remove it");
    }
}
