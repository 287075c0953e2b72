using System.Text.Json.Nodes;
using SpecCake.Integrations;

namespace SpecCake.Configuration;

/// <summary>
/// Binds a validated, interpolated config tree to the immutable option records. Written out by
/// hand rather than through System.Text.Json: its serializer's first use (even source-generated)
/// cost 50-80 ms of start-up that every CI step would pay, more than reading and validating the file.
/// The schema has already checked every type, so absent keys keep the records' defaults. Each
/// integration's block is bound by its own descriptor (<see cref="IntegrationCatalog"/>).
/// </summary>
internal static partial class ConfigBinder
{
    public static SpecCakeConfig Bind(ConfigDocument document, SecretStore secrets, string sourceFile)
    {
        var root = document.Root;
        return new SpecCakeConfig
        {
            SourceFile = sourceFile,
            Specs = Specs(root["specs"] as JsonObject),
            Notifications = Notifications(root["notifications"] as JsonObject),
            Implementation = Implementation(root["implementation"] as JsonObject),
            Integrations = Integrations(document, secrets),
        };
    }

    private static IntegrationsOptions Integrations(ConfigDocument document, SecretStore secrets)
    {
        var bound = new List<IntegrationOptions>();
        foreach (var (name, block) in document.Integrations())
        {
            // The schema allows only known keys: an unknown one was an error before binding.
            if (IntegrationCatalog.Find(name) is not { } descriptor)
            {
                continue;
            }

            var options = descriptor.Bind(new ConfigBlock(block, secrets.Get));
            bound.Add(options with { Enabled = ConfigValues.Bool(block["enabled"]) ?? false, ApiUrl = ConfigValues.Text(block["api_url"]) });
        }

        return IntegrationsOptions.Of(bound);
    }

    private static SpecsOptions Specs(JsonObject? o)
    {
        var d = new SpecsOptions();
        return o is null ? d : d with { Paths = Strings(o["paths"]) ?? d.Paths };
    }

    private static NotificationsOptions Notifications(JsonObject? o)
    {
        var d = new NotificationsOptions();
        if (o is null)
        {
            return d;
        }

        return d with
        {
            FailOnError = Bool(o["fail_on_error"]) ?? d.FailOnError,
            StateFile = Text(o["state_file"]) ?? d.StateFile,
            AtLeastOnce = Bool(o["at_least_once"]) ?? d.AtLeastOnce,
            RateLimit = o["rate_limit"] is JsonObject limit
                ? new RateLimitOptions { MaxPerHour = Int(limit["max_per_hour"]), MaxPerDay = Int(limit["max_per_day"]) }
                : null,
        };
    }

    private static string? Text(JsonNode? node) => ConfigValues.Text(node);

    private static bool? Bool(JsonNode? node) => ConfigValues.Bool(node);

    private static int? Int(JsonNode? node) => ConfigValues.Int(node);

    private static string[]? Strings(JsonNode? node) => ConfigValues.Strings(node);

    private static double? Number(JsonNode? node) => ConfigValues.Number(node);
}
