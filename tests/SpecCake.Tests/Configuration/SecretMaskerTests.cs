using SpecCake.Configuration;

namespace SpecCake.Tests.Configuration;

public sealed class SecretMaskerTests
{
    [Fact]
    public void FromEnvironment_CredentialValues_MaskedButOtherVariablesNot()
    {
        var masker = SecretMasker.FromEnvironment(new Dictionary<string, string?>
        {
            ["LINEAR_API_KEY"] = "lin_api_abc123",
            ["GITHUB_REPOSITORY"] = "org/repo",
        });

        Assert.Equal("key=*** repo=org/repo", masker.Apply("key=lin_api_abc123 repo=org/repo"));
    }

    [Fact]
    public void Add_WebhookUrl_MasksTheUrlItsPathAndItsTokenAlone()
    {
        var masker = new SecretMasker();
        masker.Add("https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX");

        Assert.Equal(
            "posting to *** failed; 404 for *** (token ***)",
            masker.Apply("posting to https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX failed; 404 for /services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX (token XXXXXXXXXXXXXXXXXXXXXXXX)"));
        Assert.Equal("see https://hooks.slack.com/ and the services page", masker.Apply("see https://hooks.slack.com/ and the services page"));
    }

    [Fact]
    public void Add_SecretContainingAnother_MaskedWhole()
    {
        var masker = new SecretMasker();
        masker.Add("abc123");
        masker.Add("xyz-abc123-xyz");

        Assert.Equal("*** and ***", masker.Apply("xyz-abc123-xyz and abc123"));
    }

    [Fact]
    public void Add_BlankOrTinyValues_Ignored()
    {
        var masker = new SecretMasker();
        masker.Add(null);
        masker.Add("  ");
        masker.Add("ab");

        Assert.Equal("about abc", masker.Apply("about abc"));
    }
}
