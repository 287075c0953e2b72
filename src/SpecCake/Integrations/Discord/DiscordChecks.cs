using SpecCake.Checks;
using SpecCake.Trackers;

namespace SpecCake.Integrations.Discord;

/// <summary>
/// Discord answers a GET of a webhook's URL with the webhook (its name and channel) and posts nothing:
/// the webhook exists and its token is right.
/// </summary>
internal sealed class DiscordChecks : IntegrationCheck
{
    public static IReadOnlyList<IIntegrationCheck> For() => [new DiscordChecks()];

    public override string Name => "webhook";

    protected override async Task<CheckOutcome> CheckAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var url = context.Variable(DiscordIntegration.WebhookUrl.Name)!;
        using var http = context.ReadOnlyHttp(DiscordIntegration.ConfigKey, new Dictionary<string, string> { ["Accept"] = "application/json" });
        var webhook = await TrackerAnswer.SendAsync(http, new TrackerRequest(DiscordIntegration.ConfigKey, HttpMethod.Get, url, context.Masker), null, cancellationToken).ConfigureAwait(false);
        return CheckOutcome.Pass($"webhook \"{webhook.OptionalString("name")}\" of channel {webhook.OptionalString("channel_id") ?? "?"} (server {webhook.OptionalString("guild_id") ?? "?"})");
    }

    protected override string Fix(TrackerException error, CheckContext context) => error.StatusCode switch
    {
        401 or 404 => $"Discord does not know this webhook (deleted, or its token is wrong): create one (Server Settings → Integrations → Webhooks) and set it again: gh secret set {DiscordIntegration.WebhookUrl.Name}",
        _ => base.Fix(error, context),
    };
}
