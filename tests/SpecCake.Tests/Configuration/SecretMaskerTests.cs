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

    [Fact]
    public void Add_UrlWithoutTokenLikeParts_OnlyTheWholeUrlMasked()
    {
        var masker = new SecretMasker();
        masker.Add("https://analytics.example.com/events");

        Assert.Equal(
            "datadog/events: POST https://api.datadoghq.com/api/v1/events; analytics: POST ***",
            masker.Apply("datadog/events: POST https://api.datadoghq.com/api/v1/events; analytics: POST https://analytics.example.com/events"));
    }

    [Fact]
    public void Apply_ShortSecretInsideALongerWord_LeftAlone()
    {
        var masker = new SecretMasker();
        masker.Add("prod42");

        Assert.Equal("user *** on sprod42 (***)", masker.Apply("user prod42 on sprod42 (prod42)"));
        Assert.Equal("reproduce prod42x", masker.Apply("reproduce prod42x"));
    }

    [Fact]
    public void Shorten_SecretAcrossTheCut_MaskedWholeBeforeTheCut()
    {
        var masker = new SecretMasker();
        masker.Add("og-api-key-0PSG3N1E");

        // Cut first, the text would end in "og-api-key"; masked first, the key is gone before the cut.
        var shortened = masker.Shorten(new string('.', 290) + "og-api-key-0PSG3N1E rejected", 300);

        Assert.Equal(new string('.', 290) + "*** reject…", shortened);
    }

    [Fact]
    public void Shorten_TextAlreadyEndingInPartOfASecret_ThatPartMaskedAtTheCut()
    {
        var masker = new SecretMasker();
        masker.Add("og-api-key-0PSG3N1E");

        // A body read only up to a limit ends inside the key: the cut leaves its start.
        var shortened = masker.Shorten(new string('.', 290) + "og-api-key-0P", 300);

        Assert.Equal(new string('.', 290) + "***…", shortened);
    }

    [Fact]
    public void Shorten_MasksBeforeCutting_AWholeSecretBeforeTheCutIsMaskedWhole()
    {
        var masker = new SecretMasker();
        masker.Add("og-api-key-0PSG3N1E");

        Assert.Equal("key *** reject…", masker.Shorten("key og-api-key-0PSG3N1E rejected", 14));
    }

    [Fact]
    public void Apply_TextAServiceCutInsideASecret_ThePrefixBeforeTheEllipsisMasked()
    {
        var masker = new SecretMasker();
        masker.Add("lin_api_5ecretkey");

        Assert.Equal("invalid key ***... (truncated)", masker.Apply("invalid key lin_api_5ec... (truncated)"));
        Assert.Equal("fine... and lin…", masker.Apply("fine... and lin…"));
    }

    [Fact]
    public void Add_WebhookUrlCutAfterItsHost_OrdinaryTextBeforeTheCutKept()
    {
        var masker = new SecretMasker();
        masker.Add("https://hooks.slack.com/services/T0123ABCD/B0456EFGH/XXXXXXXXXXXXXXXXXXXXXXXX");

        Assert.Equal("see https://hooks.slack.com/services/…", masker.Apply("see https://hooks.slack.com/services/…"));
        Assert.Equal("see https://hooks.slack.com/services/***/***/***…", masker.Apply("see https://hooks.slack.com/services/T0123ABCD/B0456EFGH/XXXXXXX…"));
    }
}
