using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Configuration;
using SpecCake.Specs;
using SpecCake.Trackers;

namespace SpecCake.Integrations.AzureDevOps;

/// <summary>
/// Mirrors specs into Azure DevOps Boards work items (REST 7.1, JSON Patch). Marker: the tag equal to
/// the spec ID (tags are <c>spec; &lt;ID&gt;</c> plus the spec's labels), found with one WIQL query and read
/// with one <c>workitemsbatch</c> call per 200 items.
/// </summary>
internal sealed class AzureDevOpsTracker(AzureDevOpsOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask)
    : ITracker
{
    public const string TrackerName = "azure_devops";
    private const string DefaultApiUrl = "https://dev.azure.com";
    private const string ApiVersion = "api-version=7.1";
    private const string JsonPatch = "application/json-patch+json";
    private const int SpecsPerQuery = 100;
    private const int ItemsPerBatch = 200;

    private static readonly string[] ReadFields =
        ["System.Id", "System.Title", "System.Description", "System.Tags", "System.State", "System.AreaPath", "System.IterationPath"];

    private TrackerHttp? http;
    private string witUrl = string.Empty;

    public string Name => TrackerName;

    private TrackerHttp Http => http ?? throw new InvalidOperationException("PrepareAsync first.");

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        var organization = Blank(options.Organization) ?? TrackerEnvironment.Get(environment, SecretNames.AzureDevOpsOrg)
            ?? throw new TrackerException("azure_devops: no organization: set integrations.azure_devops.organization or AZURE_DEVOPS_ORG");
        var project = Blank(options.Project) ?? TrackerEnvironment.Get(environment, SecretNames.AzureDevOpsProject)
            ?? throw new TrackerException("azure_devops: no project: set integrations.azure_devops.project or AZURE_DEVOPS_PROJECT");
        var pat = TrackerEnvironment.Get(environment, SecretNames.AzureDevOpsPat)
            ?? throw new TrackerException("azure_devops: AZURE_DEVOPS_PAT is not set");

        witUrl = $"{(options.ApiUrl ?? DefaultApiUrl).TrimEnd('/')}/{Uri.EscapeDataString(organization)}/{Uri.EscapeDataString(project)}/_apis/wit";
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + pat));
        mask.Add(pat);
        mask.Add(basic);
        http = new TrackerHttp("azure_devops", new Dictionary<string, string>
        {
            ["Authorization"] = "Basic " + basic,
            ["Accept"] = "application/json",
        }, mask, syncOptions);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyDictionary<string, TrackerItem>> FindAsync(IReadOnlyList<TrackerTarget> targets, CancellationToken cancellationToken)
    {
        var wanted = targets.Select(target => target.SpecId).ToHashSet(StringComparer.Ordinal);
        var ids = new List<int>();
        foreach (var chunk in wanted.Chunk(SpecsPerQuery))
        {
            var tags = string.Join(" OR ", chunk.Select(id => $"[System.Tags] CONTAINS '{Wiql(id)}'"));
            var query = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project " +
                $"AND [System.WorkItemType] = '{Wiql(options.WorkItemType)}' AND ({tags}) ORDER BY [System.Id]";
            var result = await Http.SendAsync(HttpMethod.Post, $"{witUrl}/wiql?{ApiVersion}", new JsonObject { ["query"] = query }, cancellationToken)
                .ConfigureAwait(false);
            if (result is { } body && body.TryGetProperty("workItems", out var items))
            {
                ids.AddRange(items.EnumerateArray().Select(item => item.GetProperty("id").GetInt32()));
            }
        }

        var withLinks = targets.Any(target => target.PullRequest is not null);
        var found = new Dictionary<string, TrackerItem>(StringComparer.Ordinal);
        foreach (var batch in ids.Distinct().Order().Chunk(ItemsPerBatch))
        {
            var request = new JsonObject { ["ids"] = new JsonArray([.. batch.Select(id => (JsonNode)id)]) };
            // The batch API takes either a field list or an expansion; relations are only needed to link a PR.
            if (withLinks)
            {
                request["$expand"] = "Relations";
            }
            else
            {
                request["fields"] = new JsonArray([.. ReadFields.Select(field => (JsonNode)field)]);
            }

            var result = await Http.SendAsync(HttpMethod.Post, $"{witUrl}/workitemsbatch?{ApiVersion}", request, cancellationToken).ConfigureAwait(false);
            if (result is not { } body || !body.TryGetProperty("value", out var values))
            {
                continue;
            }

            foreach (var value in values.EnumerateArray())
            {
                var item = ReadItem(value);
                // CONTAINS also matches longer tags; the marker is the exact tag. The oldest item wins over later duplicates.
                var specId = item.Tags.FirstOrDefault(wanted.Contains);
                if (specId is not null && !found.ContainsKey(specId))
                {
                    found[specId] = item;
                }
            }
        }

        return found;
    }

    public Task<IReadOnlyList<string>> PlanAsync(TrackerTarget target, TrackerItem? item, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var state = AzureDevOpsStates.For(spec.Status, options.StateMappings);
        var fields = new List<string>();
        if (item is not AzureDevOpsWorkItem workItem)
        {
            fields.AddRange([TrackerFields.Title, TrackerFields.Description, TrackerFields.Labels]);
            if (state is not null) fields.Add(TrackerFields.Status);
            if (Blank(options.AreaPath) is not null) fields.Add("area_path");
            if (Blank(options.IterationPath) is not null) fields.Add("iteration_path");
            if (target.PullRequest is not null) fields.Add(TrackerFields.PullRequestLink);
            return Task.FromResult<IReadOnlyList<string>>(fields);
        }

        if (workItem.Title != SpecText.Title(spec)) fields.Add(TrackerFields.Title);
        if (!SpecText.SameText(workItem.Description, SpecText.Html(spec))) fields.Add(TrackerFields.Description);
        if (DesiredTags(spec).Except(workItem.Tags, StringComparer.OrdinalIgnoreCase).Any()) fields.Add(TrackerFields.Labels);
        if (state is not null && !string.Equals(state, workItem.State, StringComparison.OrdinalIgnoreCase)) fields.Add(TrackerFields.Status);
        if (Blank(options.AreaPath) is { } area && !string.Equals(area, workItem.AreaPath, StringComparison.OrdinalIgnoreCase)) fields.Add("area_path");
        if (Blank(options.IterationPath) is { } iteration && !string.Equals(iteration, workItem.IterationPath, StringComparison.OrdinalIgnoreCase)) fields.Add("iteration_path");
        if (target.PullRequest is { } pr && !workItem.LinkUrls.Contains(pr.Url, StringComparer.OrdinalIgnoreCase)) fields.Add(TrackerFields.PullRequestLink);
        return Task.FromResult<IReadOnlyList<string>>(fields);
    }

    public async Task<string> CreateAsync(TrackerTarget target, CancellationToken cancellationToken)
    {
        var patch = Patch(target, null, [.. await PlanAsync(target, null, cancellationToken).ConfigureAwait(false)]);
        var url = $"{witUrl}/workitems/${Uri.EscapeDataString(options.WorkItemType)}?{ApiVersion}";
        var created = await SendPatchAsync(HttpMethod.Post, url, patch, target.Spec, cancellationToken, creates: true).ConfigureAwait(false);
        return created?.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)
            ?? throw new TrackerException("azure_devops: the created work item has no id");
    }

    public Task UpdateAsync(TrackerTarget target, TrackerItem item, IReadOnlyList<string> fields, CancellationToken cancellationToken) =>
        SendPatchAsync(new HttpMethod("PATCH"), $"{witUrl}/workitems/{item.Key}?{ApiVersion}",
            Patch(target, (AzureDevOpsWorkItem)item, fields), target.Spec, cancellationToken);

    public void Dispose() => http?.Dispose();

    private JsonArray Patch(TrackerTarget target, AzureDevOpsWorkItem? existing, IReadOnlyList<string> fields)
    {
        var spec = target.Spec;
        var patch = new JsonArray();
        void Set(string field, string value) =>
            patch.Add((JsonNode)new JsonObject { ["op"] = "add", ["path"] = "/fields/" + field, ["value"] = value });

        if (fields.Contains(TrackerFields.Title)) Set("System.Title", SpecText.Title(spec));
        if (fields.Contains(TrackerFields.Description)) Set("System.Description", SpecText.Html(spec));
        if (fields.Contains(TrackerFields.Labels))
        {
            // Tags people added in Boards stay: only the spec's are ensured.
            var tags = (existing?.Tags ?? []).Union(DesiredTags(spec), StringComparer.OrdinalIgnoreCase);
            Set("System.Tags", string.Join("; ", tags));
        }

        if (fields.Contains(TrackerFields.Status) && AzureDevOpsStates.For(spec.Status, options.StateMappings) is { } state) Set("System.State", state);
        if (fields.Contains("area_path") && Blank(options.AreaPath) is { } area) Set("System.AreaPath", area);
        if (fields.Contains("iteration_path") && Blank(options.IterationPath) is { } iteration) Set("System.IterationPath", iteration);
        if (fields.Contains(TrackerFields.PullRequestLink) && target.PullRequest is { } pr)
        {
            patch.Add((JsonNode)new JsonObject
            {
                ["op"] = "add",
                ["path"] = "/relations/-",
                ["value"] = new JsonObject
                {
                    ["rel"] = "Hyperlink",
                    ["url"] = pr.Url,
                    ["attributes"] = new JsonObject { ["comment"] = pr.Title },
                },
            });
        }

        return patch;
    }

    private async Task<JsonElement?> SendPatchAsync(HttpMethod method, string url, JsonArray patch, Spec spec, CancellationToken cancellationToken, bool creates = false)
    {
        try
        {
            return await Http.SendAsync(method, url, patch, cancellationToken, JsonPatch, creates).ConfigureAwait(false);
        }
        catch (TrackerException ex) when (!ex.MayHaveCreated && ex.Message.Contains("State", StringComparison.Ordinal) &&
            AzureDevOpsStates.For(spec.Status, options.StateMappings) is { } state)
        {
            var status = AzureDevOpsStates.StatusName(spec.Status);
            throw new TrackerException(
                $"azure_devops: state \"{state}\" (state_mappings.{status}) was rejected for a {options.WorkItemType}: {ex.Message}");
        }
    }

    private static IReadOnlyList<string> DesiredTags(Spec spec) =>
        [.. new[] { "spec", spec.Id }.Concat(spec.Labels.Select(label => label.Trim()).Where(label => label.Length > 0)).Distinct(StringComparer.OrdinalIgnoreCase)];

    private static AzureDevOpsWorkItem ReadItem(JsonElement value)
    {
        var fields = value.GetProperty("fields");
        var links = value.TryGetProperty("relations", out var relations) && relations.ValueKind == JsonValueKind.Array
            ? relations.EnumerateArray().Select(relation => JsonText.Of(relation, "url")).OfType<string>().ToList()
            : [];
        return new AzureDevOpsWorkItem(value.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            Title = JsonText.Of(fields, "System.Title") ?? string.Empty,
            Description = JsonText.Of(fields, "System.Description") ?? string.Empty,
            Tags = (JsonText.Of(fields, "System.Tags") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            State = JsonText.Of(fields, "System.State"),
            AreaPath = JsonText.Of(fields, "System.AreaPath"),
            IterationPath = JsonText.Of(fields, "System.IterationPath"),
            LinkUrls = links,
        };
    }

    private static string Wiql(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
