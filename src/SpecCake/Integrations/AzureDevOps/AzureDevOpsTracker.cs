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
/// with one <c>workitemsbatch</c> call per 200 items. A duplicate goes to the recycle bin, or, without the
/// permission to delete, is set <c>Removed</c> and loses its marker tag for <c>speccake-duplicate</c>.
/// </summary>
internal sealed class AzureDevOpsTracker(AzureDevOpsOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask)
    : ITracker
{
    public const string TrackerName = AzureDevOpsIntegration.ConfigKey;
    internal const string DefaultApiUrl = "https://dev.azure.com";
    internal const string ApiVersion = "api-version=7.1";
    private const string JsonPatch = "application/json-patch+json";
    private const int SpecsPerQuery = 100;
    private const int ItemsPerBatch = 200;
    private const string DuplicateTag = "speccake-duplicate";

    private static readonly string[] ReadFields =
        ["System.Id", "System.Title", "System.Description", "System.Tags", "System.State", "System.AreaPath", "System.IterationPath"];

    private TrackerHttp? _http;
    private string _witUrl = string.Empty;

    public string Name => TrackerName;

    private TrackerHttp Http => _http ?? throw new InvalidOperationException("PrepareAsync first.");

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        AzureDevOpsIntegration.Instance.RequireSecrets(options, environment);
        var organization = Blank(options.Organization) ?? TrackerEnvironment.Get(environment, AzureDevOpsIntegration.Organization.Name)!;
        var project = Blank(options.Project) ?? TrackerEnvironment.Get(environment, AzureDevOpsIntegration.Project.Name)!;
        var pat = TrackerEnvironment.Get(environment, AzureDevOpsIntegration.Pat.Name)!;

        _witUrl = $"{(options.ApiUrl ?? DefaultApiUrl).TrimEnd('/')}/{Uri.EscapeDataString(organization)}/{Uri.EscapeDataString(project)}/_apis/wit";
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(":" + pat));
        mask.Add(pat);
        mask.Add(basic);
        _http = new TrackerHttp("azure_devops", new Dictionary<string, string>
        {
            ["Authorization"] = "Basic " + basic,
            ["Accept"] = "application/json",
        }, mask, syncOptions);
        return Task.CompletedTask;
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<TrackerItem>>> FindAsync(IReadOnlyList<TrackerTarget> targets, CancellationToken cancellationToken)
    {
        var wanted = targets.Select(target => target.SpecId).ToHashSet(StringComparer.Ordinal);
        var ids = new List<int>();
        foreach (var chunk in wanted.Chunk(SpecsPerQuery))
        {
            var tags = string.Join(" OR ", chunk.Select(id => $"[System.Tags] CONTAINS '{Wiql(id)}'"));
            var query = "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project " +
                $"AND [System.WorkItemType] = '{Wiql(options.WorkItemType)}' AND ({tags}) ORDER BY [System.Id]";
            var result = await TrackerAnswer.SendAsync(Http, Request(HttpMethod.Post, $"{_witUrl}/wiql?{ApiVersion}"), new JsonObject { ["query"] = query }, cancellationToken)
                .ConfigureAwait(false);
            ids.AddRange(result.Array("workItems").Select(item => item.Int32("id")));
        }

        var withLinks = targets.Any(target => target.PullRequest is not null);
        var found = new Dictionary<string, List<TrackerItem>>(StringComparer.Ordinal);
        // IDs grow with creation, so in ID order each spec's oldest item comes first.
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

            var result = await TrackerAnswer.SendAsync(Http, Request(HttpMethod.Post, $"{_witUrl}/workitemsbatch?{ApiVersion}"), request, cancellationToken).ConfigureAwait(false);
            foreach (var item in result.Array("value").Select(ReadItem).OrderBy(item => int.Parse(item.Key, System.Globalization.CultureInfo.InvariantCulture)))
            {
                // CONTAINS also matches longer tags; the marker is the exact tag.
                if (item.Tags.FirstOrDefault(wanted.Contains) is { } specId)
                {
                    (found.TryGetValue(specId, out var list) ? list : found[specId] = []).Add(item);
                }
            }
        }

        return found.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<TrackerItem>)pair.Value, StringComparer.Ordinal);
    }

    public Task<IReadOnlyList<string>> PlanAsync(TrackerTarget target, TrackerItem? item, CancellationToken cancellationToken)
    {
        var spec = target.Spec;
        var state = AzureDevOpsStates.For(spec.Status, options.StateMappings);
        var fields = new List<string>();
        if (item is not AzureDevOpsWorkItem workItem)
        {
            fields.AddRange([TrackerFields.Title, TrackerFields.Description, TrackerFields.Labels]);
            if (state is not null)
            {
                fields.Add(TrackerFields.Status);
            }

            if (Blank(options.AreaPath) is not null)
            {
                fields.Add("area_path");
            }

            if (Blank(options.IterationPath) is not null)
            {
                fields.Add("iteration_path");
            }

            if (target.PullRequest is not null)
            {
                fields.Add(TrackerFields.PullRequestLink);
            }

            return Task.FromResult<IReadOnlyList<string>>(fields);
        }

        if (workItem.Title != SpecText.Title(spec))
        {
            fields.Add(TrackerFields.Title);
        }

        if (!SpecText.SameText(workItem.Description, SpecText.Html(spec)))
        {
            fields.Add(TrackerFields.Description);
        }

        if (DesiredTags(spec).Except(workItem.Tags, StringComparer.OrdinalIgnoreCase).Any())
        {
            fields.Add(TrackerFields.Labels);
        }

        if (state is not null && !string.Equals(state, workItem.State, StringComparison.OrdinalIgnoreCase))
        {
            fields.Add(TrackerFields.Status);
        }

        if (Blank(options.AreaPath) is { } area && !string.Equals(area, workItem.AreaPath, StringComparison.OrdinalIgnoreCase))
        {
            fields.Add("area_path");
        }

        if (Blank(options.IterationPath) is { } iteration && !string.Equals(iteration, workItem.IterationPath, StringComparison.OrdinalIgnoreCase))
        {
            fields.Add("iteration_path");
        }

        if (target.PullRequest is { } pr && !workItem.LinkUrls.Contains(pr.Url, StringComparer.OrdinalIgnoreCase))
        {
            fields.Add(TrackerFields.PullRequestLink);
        }

        return Task.FromResult<IReadOnlyList<string>>(fields);
    }

    public async Task<string> CreateAsync(TrackerTarget target, CancellationToken cancellationToken)
    {
        var patch = Patch(target, null, [.. await PlanAsync(target, null, cancellationToken).ConfigureAwait(false)]);
        var url = $"{_witUrl}/workitems/${Uri.EscapeDataString(options.WorkItemType)}?{ApiVersion}";
        var created = await SendPatchAsync(Request(HttpMethod.Post, url, creates: true), patch, target.Spec, cancellationToken).ConfigureAwait(false);
        return created.Int32("id").ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task UpdateAsync(TrackerTarget target, TrackerItem item, IReadOnlyList<string> fields, CancellationToken cancellationToken) =>
        SendPatchAsync(Request(HttpMethod.Patch, $"{_witUrl}/workitems/{item.Key}?{ApiVersion}"),
            Patch(target, (AzureDevOpsWorkItem)item, fields), target.Spec, cancellationToken);

    public async Task RetireAsync(TrackerTarget target, TrackerItem duplicate, TrackerItem kept, CancellationToken cancellationToken)
    {
        var item = (AzureDevOpsWorkItem)duplicate;
        try
        {
            // To the recycle bin, from which it can be restored; never destroy=true.
            await Http.SendAsync(HttpMethod.Delete, $"{_witUrl}/workitems/{item.Key}?{ApiVersion}", null, cancellationToken).ConfigureAwait(false);
        }
        catch (TrackerException)
        {
            // Deleting needs "Delete and restore work items": without it the duplicate is Removed and gives up its
            // marker tag, so no query finds it again. An item already deleted fails here too; the reconciler looks again.
            var tags = item.Tags.Where(tag => !string.Equals(tag, target.SpecId, StringComparison.OrdinalIgnoreCase))
                .Append(DuplicateTag).Distinct(StringComparer.OrdinalIgnoreCase);
            var patch = new JsonArray(
                new JsonObject { ["op"] = "add", ["path"] = "/fields/System.State", ["value"] = "Removed" },
                new JsonObject { ["op"] = "add", ["path"] = "/fields/System.Tags", ["value"] = string.Join("; ", tags) });
            await Http.SendAsync(HttpMethod.Patch, $"{_witUrl}/workitems/{item.Key}?{ApiVersion}", patch, cancellationToken, JsonPatch).ConfigureAwait(false);
        }
    }

    public void Dispose() => _http?.Dispose();

    private JsonArray Patch(TrackerTarget target, AzureDevOpsWorkItem? existing, IReadOnlyList<string> fields)
    {
        var spec = target.Spec;
        var patch = new JsonArray();
        void Set(string field, string value) =>
            patch.Add((JsonNode)new JsonObject { ["op"] = "add", ["path"] = "/fields/" + field, ["value"] = value });

        if (fields.Contains(TrackerFields.Title))
        {
            Set("System.Title", SpecText.Title(spec));
        }

        if (fields.Contains(TrackerFields.Description))
        {
            Set("System.Description", SpecText.Html(spec));
        }

        if (fields.Contains(TrackerFields.Labels))
        {
            // Tags people added in Boards stay: only the spec's are ensured.
            var tags = (existing?.Tags ?? []).Union(DesiredTags(spec), StringComparer.OrdinalIgnoreCase);
            Set("System.Tags", string.Join("; ", tags));
        }

        if (fields.Contains(TrackerFields.Status) && AzureDevOpsStates.For(spec.Status, options.StateMappings) is { } state)
        {
            Set("System.State", state);
        }

        if (fields.Contains("area_path") && Blank(options.AreaPath) is { } area)
        {
            Set("System.AreaPath", area);
        }

        if (fields.Contains("iteration_path") && Blank(options.IterationPath) is { } iteration)
        {
            Set("System.IterationPath", iteration);
        }

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

    private async Task<TrackerAnswer> SendPatchAsync(TrackerRequest request, JsonArray patch, Spec spec, CancellationToken cancellationToken)
    {
        try
        {
            return await TrackerAnswer.SendAsync(Http, request, patch, cancellationToken, JsonPatch).ConfigureAwait(false);
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

    private static AzureDevOpsWorkItem ReadItem(TrackerAnswer value)
    {
        var id = value.Int32("id");
        var fields = value.Object("fields");
        return new AzureDevOpsWorkItem(id.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            Title = fields.OptionalString("System.Title") ?? string.Empty,
            Description = fields.OptionalString("System.Description") ?? string.Empty,
            Tags = (fields.OptionalString("System.Tags") ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            State = fields.OptionalString("System.State"),
            AreaPath = fields.OptionalString("System.AreaPath"),
            IterationPath = fields.OptionalString("System.IterationPath"),
            LinkUrls = [.. value.OptionalArray("relations").Select(relation => relation.OptionalString("url")).OfType<string>()],
        };
    }

    private TrackerRequest Request(HttpMethod method, string url, bool creates = false) => new(TrackerName, method, url, mask, Creates: creates);

    private static string Wiql(string value) => value.Replace("'", "''", StringComparison.Ordinal);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
