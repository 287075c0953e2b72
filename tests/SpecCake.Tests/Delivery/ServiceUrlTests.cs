using SpecCake.Delivery;

namespace SpecCake.Tests.Delivery;

public sealed class ServiceUrlTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T/B/x")]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    public void Parse_HttpsOrLoopbackHttp_Accepted(string url) => Assert.Equal(new Uri(url), ServiceUrl.Parse(url, "SLACK_WEBHOOK_URL"));

    [Theory]
    [InlineData("http://hooks.example.com/services/tok3n-secret")]
    [InlineData("not a url tok3n-secret")]
    [InlineData("ftp://example.com/tok3n-secret")]
    public void Parse_OtherUrls_RejectedNamingTheSourceNotTheValue(string url)
    {
        var error = Assert.Throws<DeliveryConfigurationException>(() => ServiceUrl.Parse(url, "SLACK_WEBHOOK_URL"));

        Assert.Equal("SLACK_WEBHOOK_URL is not an https:// URL (plain http:// is accepted for loopback hosts only).", error.Message);
    }
}
