using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.Http;

namespace SpecCake.Tests.Delivery;

public sealed class NotifierContextTests
{
    private const string Url = "https://hooks.slack.com/services/T000/B000/webhook-secret-123456";

    private static (NotifierContext Context, SecretMasker Masker) Context(string? url)
    {
        var masker = new SecretMasker();
        var environment = new Dictionary<string, string?> { ["SLACK_WEBHOOK_URL"] = url };
        return (new NotifierContext(new SpecCakeConfig(), environment, RetryPolicy.Default, masker), masker);
    }

    [Fact]
    public void RequireWebhookUrl_HttpsUrl_ReturnedAndMaskedFromThenOn()
    {
        var (context, masker) = Context(Url);

        var url = context.RequireWebhookUrl("SLACK_WEBHOOK_URL", "slack");

        Assert.Equal(new Uri(Url), url);
        Assert.Equal("posting to ***", masker.Apply("posting to " + Url));
    }

    [Fact]
    public void RequireWebhookUrl_Unset_ThrowsNamingTheVariable()
    {
        var (context, _) = Context(null);

        var error = Assert.Throws<DeliveryConfigurationException>(() => context.RequireWebhookUrl("SLACK_WEBHOOK_URL", "slack"));

        Assert.Contains("slack is enabled but the secret SLACK_WEBHOOK_URL is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireWebhookUrl_PlainHttpToAnotherHost_ThrowsNamingTheVariableNotTheUrl()
    {
        var (context, _) = Context("http://hooks.example.com/webhook-secret-123456");

        var error = Assert.Throws<DeliveryConfigurationException>(() => context.RequireWebhookUrl("SLACK_WEBHOOK_URL", "slack"));

        Assert.StartsWith("SLACK_WEBHOOK_URL is not an https:// URL", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("webhook-secret", error.Message, StringComparison.Ordinal);
    }
}
