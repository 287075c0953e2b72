using SpecCake.Configuration;

namespace SpecCake.Tests.Configuration;

public sealed class SecretStoreTests
{
    [Fact]
    public void MaskIn_TextWithCredentials_ReplacesEachWithStars()
    {
        var store = new SecretStore(TestConfig.Environment(TestConfig.AllSecrets()), ["https://hooks.example.com/endpoint-secret"]);

        var masked = store.MaskIn("POST https://hooks.slack.com/services/T000/B000/slack-secret-value token=ghp_secret_token to https://hooks.example.com/endpoint-secret");

        Assert.Equal("POST *** token=*** to ***", masked);
    }

    [Fact]
    public void MaskIn_IdentifiersThatAreNotCredentials_AreLeftReadable()
    {
        var store = new SecretStore(TestConfig.Environment(TestConfig.AllSecrets()));

        Assert.Equal("project env-project in env-org", store.MaskIn("project env-project in env-org"));
    }

    [Fact]
    public void Get_EmptyVariable_IsTreatedAsUnset()
    {
        var store = new SecretStore(TestConfig.Environment(new() { [SecretNames.GitHubToken] = string.Empty }));

        Assert.Null(store.Get(SecretNames.GitHubToken));
        Assert.False(store.Has(SecretNames.GitHubToken));
    }

    [Fact]
    public void Require_MissingVariable_ThrowsNamingItOnly()
    {
        var store = new SecretStore(TestConfig.Environment());

        var exception = Assert.Throws<InvalidOperationException>(() => store.Require("OPSGENIE_API_KEY"));

        Assert.Equal("The secret OPSGENIE_API_KEY is not set.", exception.Message);
    }

    [Fact]
    public void CredentialValues_ShortValues_AreNotMaskedToKeepOutputReadable()
    {
        var store = new SecretStore(TestConfig.Environment(new() { ["SMTP_USER"] = "ab", ["SMTP_PASSWORD"] = "long-password" }));

        Assert.Equal(["long-password"], store.CredentialValues);
    }
}
