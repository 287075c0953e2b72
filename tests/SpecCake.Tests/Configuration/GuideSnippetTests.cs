using SpecCake.Configuration;

namespace SpecCake.Tests.Configuration;

/// <summary>
/// Every documented configuration block validates as written (docs/design/integrations.md#configuration-blocks:
/// each is accepted as it stands). The blocks in GuideSnippets/ are kept verbatim; fragments (the
/// troubleshooting <c>slack: enabled: true</c>) are placed under <c>integrations:</c> as they are meant.
/// </summary>
public sealed class GuideSnippetTests
{
    private static readonly string SnippetFolder = Path.Combine(AppContext.BaseDirectory, "Configuration", "GuideSnippets");

    public static TheoryData<string> Snippets()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(SnippetFolder, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Snippets_AllSixteenFromTheGuide_ArePresent()
    {
        Assert.Equal(16, Snippets().Count);
    }

    [Theory]
    [MemberData(nameof(Snippets))]
    public void Parse_GuideSnippetWithItsSecretsSet_IsValid(string snippet)
    {
        var result = TestConfig.Parse(Read(snippet), TestConfig.AllSecrets());

        Assert.Empty(result.Errors.Select(e => e.ToString()));
        Assert.NotNull(result.Config);
    }

    [Theory]
    [InlineData("slack.yaml", "SLACK_WEBHOOK_URL")]
    [InlineData("microsoft-teams.yaml", "TEAMS_WEBHOOK_URL")]
    [InlineData("discord.yaml", "DISCORD_WEBHOOK_URL")]
    [InlineData("email.yaml", "SMTP_PASSWORD")]
    [InlineData("jira.yaml", "JIRA_API_TOKEN")]
    [InlineData("linear.yaml", "LINEAR_API_KEY")]
    [InlineData("azure-devops.yaml", "AZURE_DEVOPS_PAT")]
    [InlineData("github-projects.yaml", "GITHUB_TOKEN")]
    [InlineData("pagerduty.yaml", "PAGERDUTY_ROUTING_KEY")]
    [InlineData("opsgenie.yaml", "OPSGENIE_API_KEY")]
    [InlineData("datadog.yaml", "DATADOG_APP_KEY")]
    [InlineData("new-relic.yaml", "NEW_RELIC_API_KEY")]
    [InlineData("sentry.yaml", "SENTRY_DSN")]
    [InlineData("custom-webhooks.yaml", "WEBHOOK_SECRET_ANALYTICS")]
    public void Parse_GuideSnippetWithoutOneSecret_NamesTheMissingVariable(string snippet, string variable)
    {
        var secrets = TestConfig.AllSecrets();
        secrets.Remove(variable);

        var result = TestConfig.Parse(Read(snippet), secrets);

        var error = Assert.Single(result.Errors);
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
        Assert.Null(result.Config);
    }

    private static string Read(string snippet)
    {
        var text = File.ReadAllText(Path.Combine(SnippetFolder, snippet));
        if (!snippet.EndsWith(".integrations-fragment.yaml", StringComparison.Ordinal))
        {
            return text;
        }

        var indented = string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? line : "  " + line));
        return "integrations:\n" + indented;
    }
}
