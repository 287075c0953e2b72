using SpecCake.Integrations.AzureDevOps;
using SpecCake.Integrations.Datadog;
using SpecCake.Integrations.Discord;
using SpecCake.Integrations.Email;
using SpecCake.Integrations.GitHubProjects;
using SpecCake.Integrations.Jira;
using SpecCake.Integrations.Linear;
using SpecCake.Integrations.NewRelic;
using SpecCake.Integrations.Opsgenie;
using SpecCake.Integrations.PagerDuty;
using SpecCake.Integrations.Sentry;
using SpecCake.Integrations.Slack;
using SpecCake.Integrations.Teams;
using SpecCake.Integrations.Webhooks;

namespace SpecCake.Integrations;

/// <summary>
/// Every integration SpecCake knows: one line each, naming its descriptor. Adding an integration is
/// its folder under <c>Integrations/</c> (descriptor, options, notifier or tracker) plus one line
/// here; see the README's Development section. Notifications come in summary order, then trackers.
/// </summary>
internal static class IntegrationCatalog
{
    /// <summary>The registered integrations.</summary>
    public static IReadOnlyList<IntegrationDescriptor> All { get; } =
    [
        SlackIntegration.Instance,
        TeamsIntegration.Instance,
        DiscordIntegration.Instance,
        EmailIntegration.Instance,
        WebhooksIntegration.Instance,
        PagerDutyIntegration.Instance,
        OpsgenieIntegration.Instance,
        DatadogIntegration.Instance,
        NewRelicIntegration.Instance,
        SentryIntegration.Instance,
        JiraIntegration.Instance,
        LinearIntegration.Instance,
        AzureDevOpsIntegration.Instance,
        GitHubProjectsIntegration.Instance,
    ];

    /// <summary>The notification integrations, in summary order.</summary>
    public static IReadOnlyList<IntegrationDescriptor> Notifications { get; } = [.. All.Where(descriptor => descriptor.Kind == IntegrationKind.Notification)];

    /// <summary>The trackers, in the order they are reported.</summary>
    public static IReadOnlyList<IntegrationDescriptor> Trackers { get; } = [.. All.Where(descriptor => descriptor.Kind == IntegrationKind.Tracker)];

    /// <summary>The integration with the key <paramref name="key"/> (case-sensitive, as in the file); null when none.</summary>
    public static IntegrationDescriptor? Find(string key)
    {
        foreach (var descriptor in All)
        {
            if (descriptor.Key == key)
            {
                return descriptor;
            }
        }

        return null;
    }

    /// <summary>The integration whose options record is <paramref name="optionsType"/>.</summary>
    public static IntegrationDescriptor? ForOptions(Type optionsType) => All.FirstOrDefault(descriptor => descriptor.OptionsType == optionsType);

    /// <summary>The names of the credential variables of every integration, for masking.</summary>
    public static IReadOnlyList<string> CredentialNames { get; } =
        [.. All.SelectMany(descriptor => descriptor.Variables).Where(variable => variable.IsCredential).Select(variable => variable.Name).Distinct(StringComparer.Ordinal)];
}
