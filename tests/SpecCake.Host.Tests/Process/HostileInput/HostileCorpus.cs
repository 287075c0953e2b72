using System.Text;

namespace SpecCake.Host.Tests.Process.HostileInput;

/// <summary>
/// The hostile inputs (issue 12): what anyone who opens a pull request can put in a repository
/// (specs, globs, symbolic links), what a workflow can pass (configs, arguments, secrets), and what
/// a service can answer. Each case names the item of the issue it covers.
/// </summary>
public static class HostileCorpus
{
    private const string Config = "specs:\n  paths: [\"specs/**/*.yaml\"]\n";
    private const string Valid = "id: FEAT-0001\ntitle: A valid spec\nstatus: draft\n";
    private const string Notify = "--target=NotifySpecEvent";

    public static IReadOnlyList<HostileCase> All { get; } =
    [
        // #7 YAML alias bombs, in a spec, in the config, and in a spec NotifySpecEvent does not even want.
        new("alias-bomb-spec-depth-7")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid + AliasBomb(7) },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:\d+:\d+: .*alias '\*x\d'"],
        },
        new("alias-bomb-spec-depth-9")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid + AliasBomb(9) },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:\d+:\d+: .*alias '\*x\d'"],
        },
        new("alias-bomb-config")
        {
            Files = { ["specs.config.yaml"] = Config + AliasBomb(8), ["specs/FEAT-0001.yaml"] = Valid },
            ExitCode = 1,
            Expect = [@"(?m)^specs\.config\.yaml:\d+:\d+: .*alias '\*x\d'"],
        },
        new("alias-bomb-in-an-unrelated-spec")
        {
            Files =
            {
                ["specs.config.yaml"] = Config + Integrations(Webhook("{server}/hook", "spec_created")),
                ["specs/FEAT-0001.yaml"] = Valid,
                ["specs/BOMB-0001.yaml"] = "id: BOMB-0001\ntitle: t\nstatus: draft\n" + AliasBomb(9),
            },
            Server = new ServerAnswer(200, "ok"),
            Arguments = [Notify, "--event=spec_created", "--spec=FEAT-0001"],
            ExpectedServerRequests = 1,
        },

        // #10 unbounded input and output.
        new("spec-file-too-large")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Bytes = { ["specs/FEAT-0002.yaml"] = () => Encoding.ASCII.GetBytes("id: FEAT-0002\ntitle: t\nstatus: draft\ndescription: " + new string('x', 40 << 20) + "\n") },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0002\.yaml: .*1 MiB"],
        },
        new("spec-with-thousands-of-unknown-keys")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid + Lines(5000, i => $"unknown_{i}: {i}") },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:4:1: unknown key 'unknown_0'", @"(?m)^specs/FEAT-0001\.yaml: \.\.\. and 4,9\d\d more"],
        },
        new("spec-with-more-values-than-any-spec-has")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid + "labels:\n" + Lines(60_000, i => $"  - l{i}") },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:\d+:\d+: .*more than [\d,]+ values"],
        },
        new("spec-with-a-value-of-almost-a-mebibyte")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = "id: FEAT-0001\ntitle: t\nstatus: " + new string('d', 1_000_000) + "\n" },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:3:9: status has the invalid value 'd{60}…'; valid values"],
        },
        new("hundreds-of-invalid-specs")
        {
            Files = Many(400, i => ($"specs/FEAT-{i:D4}.yaml", $"id: FEAT-{i:D4}\ntitle: t\nstatus: done\n"), ("specs.config.yaml", Config)),
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0000\.yaml:3:9: status has the invalid value 'done'", @"(?m)^\.\.\. and [\d,]+ more error\(s\)"],
        },

        // #12 invalid UTF-8 (a BOM is fine).
        new("spec-with-invalid-utf8")
        {
            Files = { ["specs.config.yaml"] = Config },
            Bytes = { ["specs/FEAT-0001.yaml"] = () => [.. "id: FEAT-0001\ntitle: caf"u8, 0xC3, 0x28, .. "\nstatus: draft\n"u8] },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:2:11: .*UTF-8"],
        },
        new("spec-with-a-bom")
        {
            Files = { ["specs.config.yaml"] = Config },
            Bytes = { ["specs/FEAT-0001.yaml"] = () => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Valid)] },
            Expect = [@"(?m)1 spec file\(s\) and specs\.config\.yaml are valid"],
        },
        new("config-with-invalid-utf8")
        {
            Files = { ["specs/FEAT-0001.yaml"] = Valid },
            Bytes = { ["specs.config.yaml"] = () => [.. "specs:\n  paths: [\"specs/**/*.yaml\"]\n# "u8, 0xFF, .. "\n"u8] },
            ExitCode = 1,
            Expect = [@"(?m)^specs\.config\.yaml:3:\d+: .*UTF-8"],
        },

        // #3 workflow commands from spec content: values, keys, file names, IDs, Unicode line breaks.
        new("workflow-command-in-a-value")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = "id: FEAT-0001\ntitle: t\nstatus: \"finished\\n::error file=README.md,line=1::INJECTED\"\n" },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:3:9: status has the invalid value 'finished\\n::error"],
        },
        new("workflow-command-in-a-key")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid + "\"x\\n::error::KEY\": 1\n\"##[error]LEGACY\": 2\n" },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:4:1: unknown key 'x\\n::error::KEY'"],
        },
        new("workflow-command-after-unicode-line-breaks")
        {
            Files =
            {
                ["specs.config.yaml"] = Config,
                ["specs/FEAT-0001.yaml"] = "id: FEAT-0001\ntitle: t\nstatus: \"a\\r::error::CR\\x85::error::NEL\\u2028::error::LS\\u2029::error::PS\\u202E::warning::BIDI\\x1b[31m\"\n",
            },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:3:9: status has the invalid value 'a\\r::error::CR"],
        },
        new("workflow-command-in-a-file-name")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/A-0001\n::error::NAMED.yaml"] = "id: A-0001\ntitle: t\nstatus: draft\n" },
            ExitCode = 1,
            Expect = [@"(?m)^specs/A-0001\\n::error::NAMED\.yaml:1:5: id 'A-0001' does not match"],
        },
        new("workflow-command-in-an-id")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = "id: \"FEAT-0001\\n::error::ID\"\ntitle: t\nstatus: draft\n" },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:1:5: id has the invalid value 'FEAT-0001\\n::error::ID'"],
        },

        new("workflow-command-in-an-argument")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Arguments = [Notify, "--event=spec_created", "--spec=nope\n::error::ARGUMENT"],
            ExitCode = 1,
            Expect = [@"--spec 'nope\\n::error::ARGUMENT' matches no spec ID or file"],
        },

        new("workflow-command-in-a-number-argument")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Arguments = [Notify, "--event=pr_created", "--spec=FEAT-0001", "--pr=1\n::error::NUMBER"],
            ExitCode = 1,
            Expect = [@"--pr must be a whole number, not '1\\n::error::NUMBER'"],
        },

        new("workflow-command-in-an-implement-argument")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Arguments = ["--target=ImplementSpec", "--spec=nope\n::error::IMPLEMENT", "--dryrun"],
            ExitCode = 1,
        },

        new("workflow-command-in-a-target")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Arguments = ["--target=Deploy\n::error::TARGET"],
            ExitCode = 1,
            Expect = [@"The target 'Deploy\\n::error::TARGET' was not found"],
        },

        new("workflow-command-in-a-verbosity")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Arguments = ["--verbosity=loud\n::error::VERBOSITY\r##[error]LEGACY"],
            ExitCode = 1,
        },

        new("workflow-command-in-a-stray-word")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Arguments = ["deploy\n::error::WORD"],
            ExitCode = 1,
        },

        new("workflow-command-in-a-trackers-argument")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Arguments = ["--target=SyncTrackers", "--spec=nope\n::error::TRACKERS"],
            ExitCode = 1,
            Expect = [@"no valid spec has the ID 'nope\\n::error::TRACKERS'"],
        },

        // #11 --config that is not a configuration file.
        new("config-is-dev-zero")
        {
            Files = { ["specs/FEAT-0001.yaml"] = Valid },
            Arguments = ["--target=ValidateSpecs", "--config=/dev/zero"],
            ExitCode = 1,
            Expect = [@"(?m)^/dev/zero: .*not a regular file"],
            TimeBudget = TimeSpan.FromSeconds(10),
        },
        new("config-is-a-directory")
        {
            Files = { ["specs/FEAT-0001.yaml"] = Valid },
            Arguments = ["--target=ValidateSpecs", "--config=specs"],
            ExitCode = 1,
            Expect = [@"(?m)^specs: .*a directory"],
            Absent = ["denied"],
        },

        // #5 line breaks in configured headers and in secrets that become headers.
        new("config-header-with-a-line-break")
        {
            Files =
            {
                ["specs.config.yaml"] = Config + "integrations:\n  webhooks:\n    enabled: true\n    endpoints:\n      - name: a\n        url: https://hooks.example.com/a\n        headers:\n          X-Team: \"core\\r\\nX-Injected: 1\"\n",
                ["specs/FEAT-0001.yaml"] = Valid,
            },
            ExitCode = 1,
            Expect = [@"(?m)^specs\.config\.yaml:10:19: integrations\.webhooks\.endpoints\[0\]\.headers\.X-Team .*line break"],
        },
        new("secret-with-a-line-break")
        {
            Files = { ["specs.config.yaml"] = Config + "integrations:\n  opsgenie:\n    enabled: true\n    alert_on: [implementation_failed]\n", ["specs/FEAT-0001.yaml"] = Valid },
            Environment = { ["OPSGENIE_API_KEY"] = HostileCase.Secrets["OPSGENIE_API_KEY"] + "\r\nX-Injected: 1" },
            ExitCode = 1,
            Expect = [@"(?m)^specs\.config\.yaml:5:14: .*OPSGENIE_API_KEY .*line break"],
        },

        // #14 validation needs no delivery secrets; a send still names the missing one.
        new("validation-without-delivery-secrets")
        {
            Files = { ["specs.config.yaml"] = Config + Integrations(Slack, Webhook("https://hooks.example.com/${WEBHOOK_PATH}", "validation_failed")), ["specs/FEAT-0001.yaml"] = Valid },
            Environment = { ["SLACK_WEBHOOK_URL"] = null },
            Expect = [@"(?m)1 spec file\(s\) and specs\.config\.yaml are valid"],
        },
        new("invalid-spec-without-delivery-secrets")
        {
            Files = { ["specs.config.yaml"] = Config + Integrations(Slack), ["specs/FEAT-0001.yaml"] = "id: FEAT-0001\ntitle: t\nstatus: done\n" },
            Environment = { ["SLACK_WEBHOOK_URL"] = null },
            ExitCode = 1,
            Expect = [@"(?m)^specs/FEAT-0001\.yaml:3:9: status has the invalid value 'done'", @"(?m)slack: .*SLACK_WEBHOOK_URL is not set"],
            Absent = ["integrations.slack is enabled but the secret"],
        },
        new("send-without-its-secret")
        {
            Files = { ["specs.config.yaml"] = Config + Integrations(Slack), ["specs/FEAT-0001.yaml"] = Valid },
            Environment = { ["SLACK_WEBHOOK_URL"] = null },
            Arguments = [Notify, "--event=spec_approved", "--spec=FEAT-0001"],
            ExitCode = 1,
            Expect = [@"SLACK_WEBHOOK_URL is not set"],
        },

        // #13 globs: the config is no spec, a glob that matches nothing, a NUL, a glob out of the repository.
        new("glob-that-matches-the-config")
        {
            Files = { ["specs.config.yaml"] = "specs:\n  paths: [\"**/*.yaml\"]\n", ["specs/FEAT-0001.yaml"] = Valid },
            Expect = [@"(?m)1 spec file\(s\) and specs\.config\.yaml are valid"],
        },
        new("glob-that-matches-nothing")
        {
            Files = { ["specs.config.yaml"] = "specs:\n  paths: [\"spec/**/*.yaml\"]\n", ["specs/FEAT-0001.yaml"] = "id: FEAT-0001\ntitle: t\nstatus: done\n" },
            ExitCode = 1,
            Expect = [@"(?m)^specs\.config\.yaml:2:11: specs\.paths\[0\] 'spec/\*\*/\*\.yaml' matches no file"],
        },
        new("glob-with-a-nul")
        {
            Files = { ["specs.config.yaml"] = "specs:\n  paths: [\"specs/**/*.yaml\", \"specs/\\0/*.yaml\"]\n", ["specs/FEAT-0001.yaml"] = Valid },
            ExitCode = 1,
            Expect = [@"(?m)^specs\.config\.yaml:2:30: specs\.paths\[1\] 'specs/\\0/\*\.yaml'"],
        },
        new("glob-out-of-the-repository")
        {
            Files = { ["specs.config.yaml"] = "specs:\n  paths: [\"../**/*.yaml\"]\n", ["specs/FEAT-0001.yaml"] = Valid },
            OutsideFiles = { ["OUT-0001.yaml"] = "id: OUT-0001\ntitle: t\nstatus: done\n" },
            ExitCode = 1,
            Expect = [@"(?m)^specs\.config\.yaml:2:11: specs\.paths\[0\] '\.\./\*\*/\*\.yaml' reaches outside the repository"],
            Absent = ["OUT-0001"],
        },

        // #8 symbolic links that cycle or leave the repository.
        new("folder-link-to-its-parent")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Links = { ["specs/loop"] = ".." },
            Expect = [@"(?m)specs/loop: .*not followed", @"(?m)1 spec file\(s\) and specs\.config\.yaml are valid"],
            Absent = ["duplicate spec ID"],
        },
        new("two-folder-links-up")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Links = { ["specs/a/up"] = "../..", ["specs/b/up"] = "../../specs" },
            Expect = [@"(?m)specs/a/up: .*not followed", @"(?m)specs/b/up: .*not followed", @"(?m)1 spec file\(s\) and specs\.config\.yaml are valid"],
            TimeBudget = TimeSpan.FromSeconds(10),
        },
        new("folder-link-out-of-the-repository")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            OutsideFiles = { ["specs/OUT-0001.yaml"] = "id: OUT-0001\ntitle: t\nstatus: done\n" },
            Links = { ["specs/elsewhere"] = "{outside}/specs" },
            Expect = [@"(?m)specs/elsewhere: .*outside the repository", @"(?m)1 spec file\(s\) and specs\.config\.yaml are valid"],
            Absent = ["OUT-0001"],
        },
        new("file-link-out-of-the-repository")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            OutsideFiles = { ["private.yaml"] = "id: FEAT-0002\ntitle: private-content-never-read\nstatus: nope\n" },
            Links = { ["specs/FEAT-0002.yaml"] = "{outside}/private.yaml", ["specs/ZERO-0001.yaml"] = "/dev/zero" },
            ExitCode = 1,
            Expect = [@"(?m)specs/FEAT-0002\.yaml: .*outside the repository", @"(?m)specs/ZERO-0001\.yaml: .*outside the repository", @"(?m)2 spec/config error\(s\)"],
            Absent = ["private-content-never-read", "are valid"],
        },
        new("broken-file-link")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Links = { ["specs/FEAT-0002.yaml"] = "drafts/FEAT-0002.yaml" },
            ExitCode = 1,
            Expect = [@"(?m)specs/FEAT-0002\.yaml: a symbolic link to 'drafts/FEAT-0002\.yaml', which does not exist \(a broken link\)"],
            Absent = ["are valid"],
        },
        new("file-link-to-itself")
        {
            Files = { ["specs.config.yaml"] = Config, ["specs/FEAT-0001.yaml"] = Valid },
            Links = { ["specs/FEAT-0002.yaml"] = "FEAT-0002.yaml" },
            ExitCode = 1,
            Expect = [@"(?m)specs/FEAT-0002\.yaml: a symbolic link to 'FEAT-0002\.yaml' that leads back to itself \(a loop of links\)"],
            Absent = ["outside the repository", "are valid"],
        },

        // A service's answer (the place for #1, #2 and #9 cases): a plain acceptance first.
        WebhookAnswering("webhook-that-accepts", new ServerAnswer(200, "ok")) with { ExpectedServerRequests = 1 },

        // #1 a service that echoes the secret back in a long error: whatever the cut, no part of it is printed.
        OpsgenieAnswering("opsgenie-401-echoing-its-key-at-every-offset", new ServerAnswer(401, Echo(HostileCase.Secrets["OPSGENIE_API_KEY"], shift: 0))) with
        {
            ExitCode = 1,
            Expect = [@"(?m)opsgenie.*401"],
            ExpectedServerRequests = 1,
        },
        OpsgenieAnswering("opsgenie-401-echoing-its-key-shifted-by-half", new ServerAnswer(401, Echo(HostileCase.Secrets["OPSGENIE_API_KEY"], shift: 17))) with
        {
            ExitCode = 1,
            Expect = [@"(?m)opsgenie.*401"],
            ExpectedServerRequests = 1,
        },
        new("github-projects-401-echoing-the-token")
        {
            Files = { ["specs.config.yaml"] = Config + Integrations(GitHubProjects), ["specs/FEAT-0001.yaml"] = Valid },
            Server = new ServerAnswer(401, "{\"message\":\"Bad credentials: " + Echo(HostileCase.Secrets["GITHUB_TOKEN"], shift: 5) + "\"}"),
            Arguments = ["--target=SyncTrackers"],
            ExitCode = 1,
            Expect = [@"(?m)github_projects.*401"],
        },

        // #3 a service's answer full of workflow commands reaches the log only defused.
        WebhookAnswering("webhook-answer-with-workflow-commands", new ServerAnswer(400, "bad\n::error file=README.md,line=1::INJECTED\r::set-env name=X::Y\n##[error]LEGACY\u2028::warning::U2028")) with
        {
            ExitCode = 1,
            Expect = [@"(?m)hook.*400"],
            ExpectedServerRequests = 1,
        },

        // #9 (issue 12) endless answers: read only what an error message needs, then hang up.
        WebhookAnswering("webhook-endless-error-body", new ServerAnswer(500, new string('x', 64 * 1024), Endless: true)) with
        {
            ExitCode = 1,
            Expect = [@"(?m)hook.*500"],
            TimeBudget = TimeSpan.FromSeconds(30),
        },
        WebhookAnswering("webhook-endless-success-body", new ServerAnswer(200, new string('x', 64 * 1024), Endless: true)) with { ExpectedServerRequests = 1 },
        JiraAnswering("jira-endless-answer", new ServerAnswer(200, "{\"issues\":[" + string.Concat(Enumerable.Repeat("{\"id\":\"1\"},", 4096)), Endless: true)) with
        {
            Expect = [@"(?m)jira.*(MiB|too large|longer)"],
            TimeBudget = TimeSpan.FromSeconds(30),
        },

        // #14 (issue 10) an answer of an unexpected shape: the tracker, the request and what was expected.
        JiraAnswering("jira-answer-of-the-wrong-shape", new ServerAnswer(200, "{\"issues\":\"not a list\",\"id\":[1]}")) with
        {
            Expect = [@"(?m)jira.*expected"],
            Absent = ["KeyNotFoundException", "InvalidOperationException", "given key was not present"],
        },
        JiraAnswering("jira-answer-that-is-not-json", new ServerAnswer(200, "<html>Sign in to your proxy</html>")) with { Expect = [@"(?m)jira.*JSON"] },

        // #14 (issue 10) redirects are not followed (a 307 would re-send the body elsewhere): say where it pointed.
        WebhookAnswering("webhook-redirect-elsewhere", new ServerAnswer(307, "", new Dictionary<string, string> { ["Location"] = "http://127.0.0.1:9/elsewhere" })) with
        {
            ExitCode = 1,
            Expect = [@"(?m)hook.*307.*127\.0\.0\.1:9/elsewhere"],
            ExpectedServerRequests = 1,
        },

        // #4 (issue 10) a Retry-After far beyond the policy fails at once; a retry_after of 1e300 neither overflows nor stalls.
        WebhookAnswering("webhook-retry-after-eleven-days", new ServerAnswer(429, "", new Dictionary<string, string> { ["Retry-After"] = "999999" })) with
        {
            ExitCode = 1,
            Expect = [RetryAfterRefused],
            ExpectedServerRequests = 1,
            TimeBudget = TimeSpan.FromSeconds(10),
        },
        WebhookAnswering("webhook-retry-after-in-2099", new ServerAnswer(503, "", new Dictionary<string, string> { ["Retry-After"] = "Thu, 01 Jan 2099 00:00:00 GMT" })) with
        {
            ExitCode = 1,
            Expect = [RetryAfterRefused],
            ExpectedServerRequests = 1,
            TimeBudget = TimeSpan.FromSeconds(10),
        },
        new("discord-retry-after-1e300")
        {
            Files = { ["specs.config.yaml"] = Config + "integrations:\n  discord:\n    enabled: true\n    notify_on: [spec_approved]\n", ["specs/FEAT-0001.yaml"] = Valid },
            Environment = { ["DISCORD_WEBHOOK_URL"] = "{server}/api/webhooks/1/discordSecretToken0123" },
            Server = new ServerAnswer(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":1e300,\"global\":false}", new Dictionary<string, string> { ["Content-Type"] = "application/json" }),
            Arguments = [Notify, "--event=spec_approved", "--spec=FEAT-0001"],
            ExitCode = 1,
            Expect = [@"(?m)discord.*429"],
            Absent = ["OverflowException", "discordSecretToken0123"],
            ExpectedServerRequests = 1,
            TimeBudget = TimeSpan.FromSeconds(10),
        },

        // A task stopped by a secret it needs says what is wrong on a line of its own, readable (not "\n"-escaped), then one error line; ValidateSpecs would find nothing to add.
        new("send-with-an-invalid-config")
        {
            Files = { ["specs.config.yaml"] = Config + Integrations("  datadog:\n    enabled: true\n    send_events: true\n"), ["specs/FEAT-0001.yaml"] = Valid },
            Environment = { ["DATADOG_APP_KEY"] = null },
            Arguments = [Notify, "--event=spec_approved", "--spec=FEAT-0001"],
            ExitCode = 1,
            Expect = [@"(?m)^\S*specs\.config\.yaml:5:14: integrations\.datadog is enabled but the secret DATADOG_APP_KEY is not set; add it", @"(?m)^Error: NotifySpecEvent: the secret DATADOG_APP_KEY is not set \(see above\)$"],
            Absent = ["ValidateSpecs", @"\n"],
        },

        // #2 the documented analytics webhook (docs/design/integrations.md#webhooks) beside Datadog: only secrets are masked, not ordinary text.
        new("dry-run-with-the-guides-analytics-webhook")
        {
            Files =
            {
                ["specs.config.yaml"] = Config + Integrations(
                    "  datadog:\n    enabled: true\n    send_events: true\n    send_metrics: true\n",
                    Webhook("https://analytics.example.com/events", "spec_approved")),
                ["specs/FEAT-0001.yaml"] = Valid,
            },
            Arguments = [Notify, "--event=spec_approved", "--spec=FEAT-0001", "--dryrun"],
            // The endpoint's URL is written in the config, so it is shown; only secrets (none here) are masked.
            Expect = [@"https://api\.datadoghq\.com/api/v\d", @"(?m)^\[dry run\] datadog", @"(?m)^POST https://analytics\.example\.com/events$"],
            Absent = ["datadog***", "v1***"],
        },
    ];

    private const string RetryAfterRefused = @"(?m)^webhooks/hook: failed: HTTP \d+ Answer: asked to retry after \d+(\.\d)?s, more than the 30s allowed";

    private const string GitHubProjects = "  github_projects:\n    enabled: true\n    api_url: \"{server}\"\n    owner: octo\n    project_number: 1\n";

    /// <summary>spec_created for FEAT-0001 to one webhook endpoint on the case's server, which gives <paramref name="answer"/>.</summary>
    private static HostileCase WebhookAnswering(string name, ServerAnswer answer) => new(name)
    {
        Files = { ["specs.config.yaml"] = Config + Integrations(Webhook("{server}/hook", "spec_created")), ["specs/FEAT-0001.yaml"] = Valid },
        Server = answer,
        Arguments = [Notify, "--event=spec_created", "--spec=FEAT-0001"],
    };

    /// <summary>implementation_failed for FEAT-0001 to Opsgenie at the case's server.</summary>
    private static HostileCase OpsgenieAnswering(string name, ServerAnswer answer) => new(name)
    {
        Files =
        {
            ["specs.config.yaml"] = Config + Integrations("  opsgenie:\n    enabled: true\n    api_url: \"{server}\"\n    alert_on: [implementation_failed]\n"),
            ["specs/FEAT-0001.yaml"] = Valid,
        },
        Server = answer,
        Arguments = [Notify, "--event=implementation_failed", "--spec=FEAT-0001"],
    };

    /// <summary>SyncTrackers into Jira Cloud at the case's server; each of these answers fails the sync.</summary>
    private static HostileCase JiraAnswering(string name, ServerAnswer answer) => new(name)
    {
        Files = { ["specs.config.yaml"] = Config + Integrations("  jira:\n    enabled: true\n    base_url: \"{server}\"\n    project_key: SPEC\n"), ["specs/FEAT-0001.yaml"] = Valid },
        Environment = { ["JIRA_EMAIL"] = "ci@example.com" },
        Server = answer,
        Arguments = ["--target=SyncTrackers"],
        ExitCode = 1,
    };

    /// <summary>A long error body that repeats <paramref name="secret"/>, one character apart, so that wherever a message is cut, a copy straddles the cut.</summary>
    private static string Echo(string secret, int shift) =>
        "invalid key: " + new string('.', shift) + string.Join(" ", Enumerable.Repeat(secret, 200));

    private const string Slack = "  slack:\n    enabled: true\n    notify_on: [spec_approved, validation_failed]\n";

    private static string Integrations(params string[] blocks) => "integrations:\n" + string.Concat(blocks);

    private static string Webhook(string url, string eventName) =>
        $"  webhooks:\n    enabled: true\n    endpoints:\n      - name: hook\n        url: \"{url}\"\n        events: [{eventName}]\n";

    /// <summary>"Billion laughs": nine strings, each level nine aliases of the one before (9^depth strings in all).</summary>
    private static string AliasBomb(int depth)
    {
        var bomb = new StringBuilder("x-x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var level = 1; level <= depth; level++)
        {
            var alias = $"*x{level - 1}";
            bomb.Append($"x-x{level}: &x{level} [{string.Join(", ", Enumerable.Repeat(alias, 9))}]\n");
        }

        return bomb.ToString();
    }

    private static string Lines(int count, Func<int, string> line) =>
        string.Concat(Enumerable.Range(0, count).Select(i => line(i) + "\n"));

    private static Dictionary<string, string> Many(int count, Func<int, (string Path, string Text)> file, params (string Path, string Text)[] more)
    {
        var files = new Dictionary<string, string>();
        foreach (var (path, text) in Enumerable.Range(0, count).Select(file).Concat(more))
        {
            files[path] = text;
        }

        return files;
    }
}
