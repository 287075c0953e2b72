using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SpecCake.Configuration;

/// <summary>Binds a validated, interpolated config tree to the immutable option records.</summary>
internal static class ConfigBinder
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };

    // Fields the schema accepts as a number or a string (users write 21 as often as "21") but the options hold as text.
    private static readonly string[] NumericText =
    [
        "/integrations/jira/transition_on_approve",
        "/integrations/jira/transition_on_implement",
        "/integrations/new_relic/account_id",
    ];

    public static SpecCakeConfig Bind(ConfigDocument document, SecretStore secrets, string sourceFile)
    {
        foreach (var pointer in NumericText)
        {
            if (document.Node(pointer) is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            {
                SetAt(document, pointer, value.ToJsonString());
            }
        }

        FillFromEnvironment(document, secrets);
        var config = document.Root.Deserialize<SpecCakeConfig>(Options) ?? new SpecCakeConfig();
        return config with { SourceFile = sourceFile };
    }

    /// <summary>
    /// The secrets that stand in for settings (contract §2) are folded into the options, so no
    /// sender has to know that <c>SMTP_HOST</c> wins over <c>smtp.host</c>.
    /// </summary>
    private static void FillFromEnvironment(ConfigDocument document, SecretStore secrets)
    {
        if (document.Root["integrations"] is not JsonObject integrations)
        {
            return;
        }

        if (integrations["email"] is JsonObject email && secrets.Get(SecretNames.SmtpHost) is { } host)
        {
            var smtp = email["smtp"] as JsonObject ?? [];
            smtp["host"] = host;
            email["smtp"] = smtp;
        }

        if (integrations["jira"] is JsonObject jira && jira["base_url"] is null && secrets.Get(SecretNames.JiraBaseUrl) is { } baseUrl)
        {
            jira["base_url"] = baseUrl;
        }

        if (integrations["azure_devops"] is JsonObject azure)
        {
            if (azure["organization"] is null && secrets.Get(SecretNames.AzureDevOpsOrg) is { } organization)
            {
                azure["organization"] = organization;
            }

            if (azure["project"] is null && secrets.Get(SecretNames.AzureDevOpsProject) is { } project)
            {
                azure["project"] = project;
            }
        }
    }

    private static void SetAt(ConfigDocument document, string pointer, string text)
    {
        var parent = document.Node(Validation.JsonPointerText.Parent(pointer)) as JsonObject;
        var key = pointer[(pointer.LastIndexOf('/') + 1)..];
        if (parent is not null)
        {
            parent[key] = JsonValue.Create(text.ToString(CultureInfo.InvariantCulture));
        }
    }
}
