using SpecCake.Checks;
using SpecCake.Configuration;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Jira;

/// <summary>
/// Jira: specs mirrored into issues. Jira Cloud (an <c>*.atlassian.net</c> site, or any site with
/// <c>JIRA_EMAIL</c> set) signs in with <c>JIRA_EMAIL</c> and <c>JIRA_API_TOKEN</c>; Server and Data
/// Center with <c>JIRA_API_TOKEN</c> alone, a personal access token.
/// </summary>
internal sealed class JiraIntegration : IntegrationDescriptor<JiraOptions>
{
    /// <summary>The block's key.</summary>
    public const string ConfigKey = "jira";

    /// <summary>The API token (Cloud) or personal access token (Server/Data Center).</summary>
    public static readonly SecretVariable ApiToken = new("JIRA_API_TOKEN", "API token (Cloud) or personal access token (Server/Data Center)");

    /// <summary>The account's email: Jira Cloud's user name.</summary>
    public static readonly SecretVariable Email = new("JIRA_EMAIL", "the token's account email (Jira Cloud)", IsCredential: false);

    /// <summary>The site, when <c>base_url</c> is not written.</summary>
    public static readonly SecretVariable BaseUrl = new("JIRA_BASE_URL", "site URL, when base_url is absent", IsCredential: false);

    public static JiraIntegration Instance { get; } = new();

    public override string Key => ConfigKey;

    /// <summary>What Init writes under its key: its documented block (docs/design/integrations.md#configuration-blocks), a setting that is one of its secrets written as <c>${NAME}</c>.</summary>
    public override string SetupBlock => """
        enabled: true
        base_url: "${JIRA_BASE_URL}"     # e.g. https://your-domain.atlassian.net
        project_key: "PROJ"
        issue_type: "Story"
        # Transition IDs and custom fields differ per site: CheckIntegrations lists the ones yours has.
        transition_on_approve: "21"      # "In Progress" transition ID
        transition_on_implement: "31"    # "Done" transition ID
        field_mappings:
          spec_id: "customfield_10001"
          acceptance_criteria: "customfield_10002"
        """;

    public override IntegrationKind Kind => IntegrationKind.Tracker;

    public override IReadOnlyList<string> Settings =>
        ["base_url", "project_key", "issue_type", "transition_on_approve", "transition_on_implement", "field_mappings", "create_subtasks", "status_mappings"];

    public override IReadOnlyList<SecretVariable> Variables => [ApiToken, Email, BaseUrl];

    protected override JiraOptions BindOptions(ConfigBlock block)
    {
        var d = new JiraOptions();
        return d with
        {
            BaseUrl = block.Text("base_url") ?? block.Environment(BaseUrl),
            ProjectKey = block.Text("project_key"),
            IssueType = block.Text("issue_type") ?? d.IssueType,
            TransitionOnApprove = block.TextOrNumber("transition_on_approve"),
            TransitionOnImplement = block.TextOrNumber("transition_on_implement"),
            FieldMappings = block.Map("field_mappings"),
            CreateSubtasks = block.Bool("create_subtasks") ?? d.CreateSubtasks,
            StatusMappings = block.Map("status_mappings"),
        };
    }

    public override void CheckSettings(IntegrationBlock block) => block.RequireSetting("project_key", "the Jira project key, e.g. project_key: \"PROJ\"");

    public override void CheckFormats(IntegrationBlock block) => block.CheckUrl("base_url");

    protected override void CheckSecrets(JiraOptions options, SecretCheck check)
    {
        var fromEnvironment = check.Get(BaseUrl);
        var site = options.BaseUrl ?? fromEnvironment ?? options.ApiUrl;
        if (site is null)
        {
            check.Missing(BaseUrl, $"integrations.jira is enabled but has no site: set base_url or the {BaseUrl.Name} secret");
        }
        else if (check.Optional(BaseUrl) is { } url && string.Equals(url, site.Trim(), StringComparison.Ordinal) && !ValueRules.IsAcceptableUrl(url))
        {
            check.Unusable($"{BaseUrl.Name} {ValueRules.UrlRule}");
        }

        // Cloud signs in with both; asking for the email here, not guessing Server, is what stops a
        // missing email from turning into a Server request that Cloud answers with a login page.
        if (IsCloudSite(site))
        {
            check.Because($"Jira Cloud at {new Uri(site!.Trim()).Host} signs in with {Email.Name} and {ApiToken.Name}");
            check.Require(Email);
        }
        else
        {
            check.Optional(Email);
        }

        check.Require(ApiToken);
    }

    /// <summary>Whether the site is Jira Cloud's (<c>*.atlassian.net</c>).</summary>
    public static bool IsCloudSite(string? site) =>
        Uri.TryCreate(site?.Trim(), UriKind.Absolute, out var url)
        && (url.Host.Equals("atlassian.net", StringComparison.OrdinalIgnoreCase) || url.Host.EndsWith(".atlassian.net", StringComparison.OrdinalIgnoreCase));

    protected override ITracker CreateTracker(JiraOptions options, IReadOnlyDictionary<string, string?> environment, TrackerSyncOptions syncOptions, SecretMasker mask) =>
        new JiraTracker(options, environment, syncOptions, mask);

    protected override IReadOnlyList<IIntegrationCheck> Checks(JiraOptions options)
    {
        var session = new JiraCheckSession(options);
        var checks = new List<IIntegrationCheck>
        {
            new JiraSignInCheck(session),
            new JiraProjectCheck(session),
            new JiraPermissionsCheck(session),
            new JiraIssueTypeCheck(session),
        };
        if (options.FieldMappings.Count > 0)
        {
            checks.Add(new JiraFieldsCheck(session));
        }

        foreach (var (setting, id) in new[] { ("transition_on_approve", options.TransitionOnApprove), ("transition_on_implement", options.TransitionOnImplement) })
        {
            if (!string.IsNullOrWhiteSpace(id))
            {
                checks.Add(new JiraTransitionCheck(session, setting, id.Trim()));
            }
        }

        if (options.StatusMappings.Values.Any(name => !string.IsNullOrWhiteSpace(name)))
        {
            checks.Add(new JiraStatusMappingsCheck(session));
        }

        return checks;
    }
}
