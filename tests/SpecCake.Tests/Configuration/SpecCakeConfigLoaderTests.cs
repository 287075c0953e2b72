using SpecCake.Configuration;
using SpecCake.Events;

namespace SpecCake.Tests.Configuration;

public sealed class SpecCakeConfigLoaderTests
{
    /// <summary>One bad input per rule: the YAML, where the error must be, and what it must say.</summary>
    public static TheoryData<string, int, int, string> BadInputs() => new()
    {
        { "integrations:\n  slack:\n    notfy_on: [spec_approved]\n", 3, 5, "unknown key 'notfy_on' in integrations.slack; did you mean 'notify_on'?" },
        { "notifications:\n  fail_on_eror: true\n", 2, 3, "unknown key 'fail_on_eror' in notifications; did you mean 'fail_on_error'?" },
        { "integratons:\n  slack: {}\n", 1, 1, "unknown key 'integratons' at the top level; did you mean 'integrations'?" },
        { "integrations:\n  slak:\n    enabled: false\n", 2, 3, "unknown key 'slak' in integrations; did you mean 'slack'?" },
        { "integrations:\n  slack:\n    enabled: yes\n", 3, 14, "integrations.slack.enabled must be true or false, not the text 'yes'; write true or false" },
        { "notifications:\n  rate_limit:\n    max_per_hour: thirty\n", 3, 19, "notifications.rate_limit.max_per_hour must be a whole number, not the text 'thirty'" },
        { "specs:\n  paths: specs/**/*.yaml\n", 2, 10, "specs.paths must be a list, not the text 'specs/**/*.yaml'" },
        { "integrations:\n  slack:\n    notify_on: [spec_aproved]\n", 3, 17, "unknown event 'spec_aproved' in integrations.slack.notify_on; did you mean 'spec_approved'? valid events: spec_created, spec_approved, implementation_started, implementation_completed, implementation_failed, pr_created, pr_merged, validation_failed" },
        { "integrations:\n  sentry:\n    report_on:\n      - deploy_done\n", 4, 9, "unknown event 'deploy_done' in integrations.sentry.report_on; valid events:" },
        { "integrations:\n  webhooks:\n    endpoints:\n      - name: a\n        url: https://a.example.com\n        events: [pr_merge]\n", 6, 18, "unknown event 'pr_merge' in integrations.webhooks.endpoints[0].events; did you mean 'pr_merged'?" },
        { "integrations:\n  email:\n    recipients:\n      implementation_faild: [a@example.com]\n", 4, 7, "unknown key 'implementation_faild' in integrations.email.recipients; did you mean 'implementation_failed'?" },
        { "integrations:\n  jira:\n    transition_on_approve: \"In Progress\"\n", 3, 28, "integrations.jira.transition_on_approve has the invalid value 'In Progress': Jira transition IDs are numeric, e.g. \"21\", not \"In Progress\"" },
        { "integrations:\n  jira:\n    transition_on_implement: Done\n", 3, 30, "Jira transition IDs are numeric" },
        { "integrations:\n  jira:\n    field_mappings:\n      spec_id: \"10001\"\n", 4, 16, "integrations.jira.field_mappings.spec_id has the invalid value '10001': Jira custom fields are named like \"customfield_10001\"" },
        { "integrations:\n  jira:\n    field_mappings:\n      acceptance_criteria: customfield_abc\n", 4, 28, "'customfield_abc': Jira custom fields are named like \"customfield_10001\"" },
        { "integrations:\n  pagerduty:\n    severity: high\n", 3, 15, "integrations.pagerduty.severity has the invalid value 'high'; valid values: critical, error, warning, info" },
        { "integrations:\n  opsgenie:\n    priority: P9\n", 3, 15, "integrations.opsgenie.priority has the invalid value 'P9'" },
        { "integrations:\n  opsgenie:\n    priority: high\n", 3, 15, "valid values: P1, P2, P3, P4, P5" },
        { "integrations:\n  datadog:\n    site: datadog.eu\n", 3, 11, "integrations.datadog.site has the invalid value 'datadog.eu'; did you mean 'datadoghq.eu'? valid values: datadoghq.com, datadoghq.eu, us3.datadoghq.com, us5.datadoghq.com, ap1.datadoghq.com, ap2.datadoghq.com, ddog-gov.com" },
        { "integrations:\n  email:\n    from: specs-at-example.com\n", 3, 11, "integrations.email.from has the malformed email address 'specs-at-example.com'; write it as name@example.com" },
        { "integrations:\n  email:\n    recipients:\n      pr_created:\n        - ok@example.com\n        - \"reviewers@\"\n", 6, 11, "integrations.email.recipients.pr_created[1] has the malformed email address 'reviewers@'" },
        { "integrations:\n  jira:\n    base_url: http://jira.example.com\n", 3, 15, "integrations.jira.base_url must be an absolute https:// URL (plain http:// only for localhost, 127.0.0.1 or ::1)" },
        { "integrations:\n  linear:\n    api_url: not a url\n", 3, 14, "integrations.linear.api_url must be an absolute https:// URL" },
        { "integrations:\n  discord:\n    avatar_url: ftp://example.com/a.png\n", 3, 17, "integrations.discord.avatar_url must be an absolute https:// URL" },
        { "integrations:\n  webhooks:\n    endpoints:\n      - name: a\n        url: http://hooks.example.com/x\n", 5, 14, "integrations.webhooks.endpoints[0].url must be an absolute https:// URL" },
        { "integrations:\n  webhooks:\n    endpoints:\n      - url: https://hooks.example.com/x\n", 4, 9, "missing required key 'name' in integrations.webhooks.endpoints[0]" },
        { "integrations:\n  webhooks:\n    endpoints:\n      - {name: a, url: \"https://a.example.com\"}\n      - {name: a, url: \"https://b.example.com\"}\n", 5, 16, "webhook endpoint name 'a' is already used by endpoints[0]; names must be unique" },
        { "integrations:\n  github_projects:\n    project_number: 0\n", 3, 21, "integrations.github_projects.project_number must be at least 1, not 0" },
        { "integrations:\n  new_relic:\n    account_id: abc\n", 3, 17, "New Relic account IDs are numeric" },
        { "integrations:\n  email:\n    smtp:\n      port: 70000\n", 4, 13, "integrations.email.smtp.port must be at most 65535, not 70000" },
        { "integrations:\n  slack:\n    enabled: true\n", 3, 14, "integrations.slack is enabled but the secret SLACK_WEBHOOK_URL is not set; add it to the repository's secrets and pass it to the job's env, or set enabled: false" },
        { "integrations:\n  jira:\n    enabled: true\n    project_key: PROJ\n", 3, 14, "integrations.jira is enabled but the secret JIRA_API_TOKEN is not set" },
        { "integrations:\n  datadog:\n    enabled: true\n", 3, 14, "integrations.datadog is enabled but the secrets DATADOG_API_KEY and DATADOG_APP_KEY are not set; add them to the repository's secrets" },
        { "integrations:\n  webhooks:\n    enabled: true\n    endpoints:\n      - name: a\n        url: https://a.example.com\n        headers:\n          Authorization: \"Bearer ${HOOK_TOKEN}\"\n", 8, 26, "integrations.webhooks.endpoints[0].headers.Authorization (integrations.webhooks is enabled) refers to ${HOOK_TOKEN}, but the environment variable HOOK_TOKEN is not set" },
        { "notifications:\n  state_file: \"${STATE_DIR}/state.json\"\n", 2, 15, "notifications.state_file refers to ${STATE_DIR}, but the environment variable STATE_DIR is not set" },
        { "integrations:\n  slack:\n    enabled: true\n    enabled: false\n", 4, 5, "duplicate key 'enabled' (first defined at line 3); remove one of them" },
        { "integrations:\n  slack:\n    channel: \"#eng\n", 3, 14, "YAML syntax error:" },
        { "integrations:\n  slack:\n\tenabled: true\n", 3, 1, "YAML syntax error:" },
        { "integrations:\n  slack:\n    channel: a: b\n", 3, 15, "YAML syntax error: while scanning a plain scalar value, found invalid mapping (quote a value that contains ': ', or fix the indentation)" },
        { "- just\n- a list\n", 1, 1, "the configuration must be a mapping with the keys specs, notifications and integrations" },
        { "integrations:\n  webhooks:\n    endpoints:\n      - name: a\n        url: https://a.example.com\n        headers:\n          X-Team: \"a\\r\\nX-Evil: 1\"\n", 7, 19, "integrations.webhooks.endpoints[0].headers.X-Team holds a line break (the value is not shown); a header value is one line" },
        { "integrations:\n  webhooks:\n    endpoints:\n      - name: a\n        url: https://a.example.com\n        headers:\n          \"Bad Name\": x\n", 7, 11, "integrations.webhooks.endpoints[0].headers has the header name 'Bad Name', which HTTP does not allow" },
        { "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n", 4, 33, "the alias '*c' would make the file more than 10,000 values (aliases are copies: a \"billion laughs\" file?)" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Parse_BadInput_ReportsTheProblemAtItsLineAndColumn(string yaml, int line, int column, string message)
    {
        var result = TestConfig.Parse(yaml);

        Assert.Null(result.Config);
        Assert.Contains(result.Errors, e => e.Line == line && e.Column == column && e.Message.Contains(message, StringComparison.Ordinal));
        Assert.All(result.Errors, e => Assert.Equal("specs.config.yaml", e.File));
    }

    [Fact]
    public void Parse_ManyProblems_ReportsEveryOneAtOnceInFileOrder()
    {
        const string yaml = """
            notifications:
              fail_on_eror: true
            integrations:
              slack:
                enabled: true
                notify_on: [spec_aproved]
              pagerduty:
                severity: high
              datadog:
                site: datadog.com
              email:
                from: nobody
            """;

        var result = TestConfig.Parse(yaml);

        Assert.Equal(
            [
                "specs.config.yaml:2:3: unknown key 'fail_on_eror'",
                "specs.config.yaml:5:14: integrations.slack is enabled but the secret SLACK_WEBHOOK_URL",
                "specs.config.yaml:6:17: unknown event 'spec_aproved'",
                "specs.config.yaml:8:15: integrations.pagerduty.severity",
                "specs.config.yaml:10:11: integrations.datadog.site",
                "specs.config.yaml:12:11: integrations.email.from",
            ],
            result.Errors.Select(e => e.ToString()[..Math.Min(e.ToString().Length, Prefix(e.ToString()))]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("specs:\nnotifications:\nintegrations:\n  # slack:\n  #   enabled: true\n")]
    [InlineData("integrations:\n  slack:\n    # enabled: true\n")]
    public void Parse_EmptyFile_IsValidWithDefaults(string yaml)
    {
        var result = TestConfig.Parse(yaml);

        Assert.Empty(result.Errors);
        Assert.Equal(["specs/**/*.yaml"], result.Config!.Specs.Paths);
        Assert.True(result.Config.Notifications.FailOnError);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1, 2")]
    [InlineData("a: *missing\n")]
    [InlineData("? [a, b]\n: c\n")]
    [InlineData("integrations: 5\n")]
    [InlineData("integrations:\n  slack: [1, 2]\n")]
    [InlineData("---\na: 1\n---\nb: 2\n")]
    [InlineData("\u0000\u0001\u0002")]
    [InlineData("!!binary aGVsbG8=\n")]
    public void Parse_MalformedContent_ReportsErrorsWithoutThrowing(string yaml)
    {
        var result = TestConfig.Parse(yaml);

        Assert.NotEmpty(result.Errors);
        Assert.Null(result.Config);
        Assert.All(result.Errors, e => Assert.DoesNotContain("   at ", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DeeplyNestedDocument_ReportsErrorWithoutOverflowingTheStack()
    {
        var yaml = "a: " + new string('[', 5000) + new string(']', 5000) + "\n";

        var result = TestConfig.Parse(yaml);

        Assert.Contains(result.Errors, e => e.Message.Contains("nested more than", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SecretWithABadValue_NamesTheVariableButNeverShowsTheValue()
    {
        var secrets = new Dictionary<string, string> { ["SLACK_WEBHOOK_URL"] = "http://hooks.example.com/services/super-secret-path" };

        var result = TestConfig.Parse("integrations:\n  slack:\n    enabled: true\n", secrets);

        var error = Assert.Single(result.Errors);
        Assert.Equal("specs.config.yaml:3:14: SLACK_WEBHOOK_URL must be an absolute https:// URL (plain http:// only for localhost, 127.0.0.1 or ::1) (its value is not shown)", error.ToString());
        Assert.DoesNotContain("super-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InterpolatedSecretInAReportedValue_IsMasked()
    {
        var secrets = new Dictionary<string, string> { ["SMTP_USER"] = "not-an-address-secret" };

        var result = TestConfig.Parse("integrations:\n  email:\n    from: \"${SMTP_USER}\"\n", secrets);

        var error = Assert.Single(result.Errors);
        Assert.Equal("specs.config.yaml:3:11: integrations.email.from has the malformed email address '***'; write it as name@example.com", error.ToString());
    }

    [Fact]
    public void Parse_WebhookUrlIsInvalid_NeverShowsTheUrl()
    {
        var result = TestConfig.Parse("integrations:\n  webhooks:\n    endpoints:\n      - name: a\n        url: \"http://example.com/hook?token=s3cr3t\"\n");

        Assert.All(result.Errors, e => Assert.DoesNotContain("s3cr3t", e.Message, StringComparison.Ordinal));
        Assert.Single(result.Errors);
    }

    [Fact]
    public void Parse_DisabledIntegrationsWithUnsetVariables_NeedNoSecrets()
    {
        var result = TestConfig.Parse(File.ReadAllText(Path.Combine(TestConfig.RepositoryRoot(), "specs.config.yaml")));

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_LoopbackHttpUrls_AreAccepted()
    {
        var secrets = new Dictionary<string, string> { ["SLACK_WEBHOOK_URL"] = "http://127.0.0.1:5050/hook", ["LINEAR_API_KEY"] = "key" };

        var result = TestConfig.Parse("integrations:\n  slack:\n    enabled: true\n  linear:\n    enabled: true\n    team_id: T\n    api_url: http://localhost:8080/graphql\n", secrets);

        Assert.Empty(result.Errors);
        Assert.Equal("http://localhost:8080/graphql", result.Config!.Integrations.Linear!.ApiUrl);
    }

    [Theory]
    [InlineData("notifications:\n  at_least_once: true\n", true)]
    [InlineData("notifications:\n  fail_on_error: true\n", false)]
    public void Parse_AtLeastOnce_BoundWithFalseAsTheDefault(string yaml, bool expected)
    {
        var result = TestConfig.Parse(yaml);

        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Config!.Notifications.AtLeastOnce);
    }

    [Fact]
    public void Parse_AtLeastOnceNotABoolean_LocatedError()
    {
        var result = TestConfig.Parse("notifications:\n  at_least_once: sometimes\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 18), (error.Line, error.Column));
        Assert.Contains("at_least_once", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ValidConfig_BindsTypedImmutableOptions()
    {
        const string yaml = """
            specs:
              paths: ["docs/specs/**/*.yml"]
            notifications:
              fail_on_error: false
              rate_limit: { max_per_hour: 5 }
            integrations:
              slack:
                enabled: true
                notify_on: [spec_approved, implementation_failed]
              jira:
                enabled: true
                project_key: PROJ
                transition_on_approve: 21
                field_mappings: { spec_id: customfield_10001 }
              email:
                enabled: true
                smtp: { host: smtp.file.example.com, port: 465 }
                from: specs@example.com
                recipients: { implementation_failed: [oncall@example.com] }
              azure_devops:
                enabled: true
              datadog:
                site: datadoghq.eu
              webhooks:
                enabled: true
                endpoints:
                  - name: ci
                    url: https://ci.example.com/hook
                    events: [pr_merged]
                    headers: { Authorization: "Bearer ${WEBHOOK_TOKEN}" }
            """;

        var result = TestConfig.Parse(yaml, TestConfig.AllSecrets());

        Assert.Empty(result.Errors);
        var config = result.Config!;
        Assert.Equal(["docs/specs/**/*.yml"], config.Specs.Paths);
        Assert.False(config.Notifications.FailOnError);
        Assert.Equal(5, config.Notifications.RateLimit!.MaxPerHour);
        Assert.Null(config.Notifications.RateLimit.MaxPerDay);
        Assert.Equal([SpecEventKind.SpecApproved, SpecEventKind.ImplementationFailed], config.Integrations.Slack!.NotifyOn);
        Assert.Equal("21", config.Integrations.Jira!.TransitionOnApprove);
        Assert.Equal("https://your-domain.atlassian.net", config.Integrations.Jira.BaseUrl); // from JIRA_BASE_URL
        Assert.Equal("customfield_10001", config.Integrations.Jira.FieldMappings["spec_id"]);
        Assert.Equal("smtp.env.example.com", config.Integrations.Email!.Smtp.Host); // SMTP_HOST wins
        Assert.Equal(465, config.Integrations.Email.Smtp.Port);
        Assert.Equal(["oncall@example.com"], config.Integrations.Email.Recipients["implementation_failed"]);
        Assert.Equal("env-org", config.Integrations.AzureDevOps!.Organization);
        Assert.Equal("env-project", config.Integrations.AzureDevOps.Project);
        Assert.Equal("datadoghq.eu", config.Integrations.Datadog!.Site);
        Assert.False(config.Integrations.Datadog.Enabled);
        var endpoint = Assert.Single(config.Integrations.Webhooks!.Endpoints);
        Assert.Equal("Bearer webhook-secret-token", endpoint.Headers["Authorization"]);
        Assert.Equal([SpecEventKind.PrMerged], endpoint.Events);
        Assert.Equal(3, endpoint.RetryCount);
        Assert.Null(config.Integrations.Teams);
        Assert.Equal(Path.GetFullPath("specs.config.yaml"), config.SourceFile);
    }

    [Fact]
    public void Load_RepositoryConfig_BindsEveryBlockAsWritten()
    {
        var config = SpecCakeConfigLoader.Load(Path.Combine(TestConfig.RepositoryRoot(), "specs.config.yaml"), TestConfig.Environment()).Config!;
        var integrations = config.Integrations;

        Assert.Equal(30, config.Notifications.RateLimit!.MaxPerHour);
        Assert.Equal(100, config.Notifications.RateLimit.MaxPerDay);
        Assert.Equal(".speccake/state.json", config.Notifications.StateFile);
        Assert.Equal("#engineering", integrations.Slack!.Channel);
        Assert.Equal(["@channel"], integrations.Slack.MentionOnFailure);
        Assert.True(integrations.Teams!.UseAdaptiveCards);
        Assert.Equal([SpecEventKind.ImplementationCompleted, SpecEventKind.ImplementationFailed], integrations.Teams.NotifyOn);
        Assert.Equal("Spec Bot", integrations.Discord!.Username);
        Assert.Equal("https://example.com/bot-avatar.png", integrations.Discord.AvatarUrl);
        Assert.Equal(("smtp.example.com", 587, true), (integrations.Email!.Smtp.Host, integrations.Email.Smtp.Port, integrations.Email.Smtp.Secure));
        Assert.Equal(("PROJ", "Story", "21", "31"), (integrations.Jira!.ProjectKey, integrations.Jira.IssueType, integrations.Jira.TransitionOnApprove, integrations.Jira.TransitionOnImplement));
        Assert.Equal("customfield_10002", integrations.Jira.FieldMappings["acceptance_criteria"]);
        Assert.Equal(("TEAM_ID", "Done"), (integrations.Linear!.TeamId, integrations.Linear.StateMappings["implemented"]));
        Assert.Equal(["spec", "automated"], integrations.Linear.Labels);
        Assert.Equal(("your-org", "your-project", "User Story", "your-project\\Team", "your-project\\Sprint 1"),
            (integrations.AzureDevOps!.Organization, integrations.AzureDevOps.Project, integrations.AzureDevOps.WorkItemType, integrations.AzureDevOps.AreaPath, integrations.AzureDevOps.IterationPath));
        Assert.Equal("Active", integrations.AzureDevOps.StateMappings["approved"]);
        Assert.Equal((1, "Status", "Ready"), (integrations.GitHubProjects!.ProjectNumber, integrations.GitHubProjects.StatusField, integrations.GitHubProjects.StatusMappings["approved"]));
        Assert.Equal(("warning", "spec-automation"), (integrations.PagerDuty!.Severity, integrations.PagerDuty.Component));
        Assert.Equal([SpecEventKind.ImplementationFailed], integrations.PagerDuty.AlertOn);
        Assert.Equal(("P3", 2), (integrations.Opsgenie!.Priority, integrations.Opsgenie.Tags.Count));
        Assert.Equal(("datadoghq.com", true, "spec_ingestion", true), (integrations.Datadog!.Site, integrations.Datadog.SendMetrics, integrations.Datadog.MetricPrefix, integrations.Datadog.SendEvents));
        Assert.Equal(["team:platform", "env:production"], integrations.Datadog.EventTags);
        Assert.Equal(("1234567", "SpecIngestion"), (integrations.NewRelic!.AccountId, integrations.NewRelic.EventType));
        Assert.Equal("production", integrations.Sentry!.Environment);
        Assert.Equal([SpecEventKind.ImplementationFailed, SpecEventKind.ValidationFailed], integrations.Sentry.ReportOn);
        Assert.Equal(["internal-system", "analytics"], integrations.Webhooks!.Endpoints.Select(e => e.Name));
        Assert.Equal("${WEBHOOK_SECRET_ANALYTICS}", integrations.Webhooks.Endpoints[1].Secret); // disabled: left as written
    }

    [Fact]
    public void Parse_InterpolatedCredentials_AreMaskedBySecrets()
    {
        const string yaml = "integrations:\n  webhooks:\n    enabled: true\n    endpoints:\n      - name: a\n        url: https://hooks.example.com/abc123\n        headers: { X-Token: \"${CUSTOM_TOKEN}\" }\n";

        var result = TestConfig.Parse(yaml, new Dictionary<string, string> { ["CUSTOM_TOKEN"] = "tok-value-1" });

        // The URL is written in the file, so it is no secret; the value a ${VAR} put into a header is.
        Assert.Equal("sent to https://hooks.example.com/abc123 with ***", result.Secrets.MaskIn("sent to https://hooks.example.com/abc123 with tok-value-1"));
    }

    [Fact]
    public void Load_MissingFile_ReportsItWithoutThrowing()
    {
        var result = SpecCakeConfigLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "specs.config.yaml"), TestConfig.Environment());

        var error = Assert.Single(result.Errors);
        Assert.Contains("configuration file not found", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Config);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\u0000")]
    public void Parse_SecretThatWouldBreakAHeader_NamesTheVariableNeverTheValue(string breaking)
    {
        var result = TestConfig.Parse("integrations:\n  opsgenie:\n    enabled: true\n", new() { ["OPSGENIE_API_KEY"] = "opsgenie-key-0123456789" + breaking + "X-Evil: 1" });

        var error = Assert.Single(result.Errors);
        Assert.Equal((3, 14), (error.Line, error.Column));
        Assert.StartsWith("the secret OPSGENIE_API_KEY of integrations.opsgenie holds a", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("opsgenie-key", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Evil", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SecretEndingWithANewline_IsUsable() =>
        // A pasted secret's final newline is trimmed where it is used: it never reaches a header.
        Assert.Empty(TestConfig.Parse("integrations:\n  opsgenie:\n    enabled: true\n", new() { ["OPSGENIE_API_KEY"] = "opsgenie-key-0123456789\n" }).Errors);

    [Fact]
    public void Load_DeviceThatNeverEnds_OneClearErrorQuickly()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();

        var result = SpecCakeConfigLoader.Load("/dev/zero", TestConfig.Environment());

        Assert.Equal("/dev/zero: is not a regular file (a device or a pipe?); a configuration file is a YAML file of at most 1 MiB", Assert.Single(result.Errors).ToString());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(10), $"took {started.Elapsed}");
    }

    [Fact]
    public void Load_Directory_SaysItIsADirectory()
    {
        using var folder = new TempFolder("config");
        var directory = folder.Path;
        var result = SpecCakeConfigLoader.Load(directory, "ci", TestConfig.Environment());

        Assert.Equal("ci: is a directory, not a configuration file; name a YAML file", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Load_LargerThanAConfigMayBe_OneErrorNamingTheLimit()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "specs:\n  paths: [\"specs/**/*.yaml\"]\n# " + new string('x', 2 << 20) + "\n");

            var result = SpecCakeConfigLoader.Load(file, "specs.config.yaml", TestConfig.Environment());

            Assert.Equal("specs.config.yaml: is 2 MiB, more than the 1 MiB a configuration file may have; a configuration file is a few KB of YAML", Assert.Single(result.Errors).ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_InvalidUtf8_ErrorAtTheBadByte()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(file, [.. "specs:\n  paths: [\"specs/**/*.yaml\"]\nnotifications: {}  # caf"u8, 0xE9, .. "\n"u8]);

            var result = SpecCakeConfigLoader.Load(file, "specs.config.yaml", TestConfig.Environment());

            Assert.Equal("specs.config.yaml:3:25: not valid UTF-8 here (bytes 0xE9 0x0A); save the file as UTF-8", Assert.Single(result.Errors).ToString());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Load_RepositoryConfig_ListsEveryIntegrationDisabled()
    {
        var result = SpecCakeConfigLoader.Load(Path.Combine(TestConfig.RepositoryRoot(), "specs.config.yaml"), TestConfig.Environment());

        Assert.Empty(result.Errors);
        var integrations = result.Config!.Integrations;
        var blocks = SpecCake.Integrations.IntegrationCatalog.All.Select(descriptor => descriptor.OptionsIn(result.Config)).ToArray();
        Assert.Equal(14, blocks.Length);
        Assert.All(blocks, block => Assert.False(Assert.IsAssignableFrom<SpecCake.Integrations.IntegrationOptions>(block).Enabled));
    }

    private static int Prefix(string text)
    {
        // Compare up to the distinctive start of each message.
        string[] starts = ["unknown key 'fail_on_eror'", "integrations.slack is enabled but the secret SLACK_WEBHOOK_URL", "unknown event 'spec_aproved'", "integrations.pagerduty.severity", "integrations.datadog.site", "integrations.email.from"];
        foreach (var start in starts)
        {
            var at = text.IndexOf(start, StringComparison.Ordinal);
            if (at >= 0)
            {
                return at + start.Length;
            }
        }

        return text.Length;
    }
}
