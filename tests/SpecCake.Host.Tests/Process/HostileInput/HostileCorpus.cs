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
            Expect = [@"(?m)specs/FEAT-0002\.yaml: .*outside the repository", @"(?m)specs/ZERO-0001\.yaml: .*outside the repository"],
            Absent = ["private-content-never-read"],
        },

        // A service's answer (the place for #1, #2 and #9 cases): a plain acceptance first.
        new("webhook-that-accepts")
        {
            Files = { ["specs.config.yaml"] = Config + Integrations(Webhook("{server}/hook", "spec_created")), ["specs/FEAT-0001.yaml"] = Valid },
            Server = new ServerAnswer(200, "ok"),
            Arguments = [Notify, "--event=spec_created", "--spec=FEAT-0001"],
            ExpectedServerRequests = 1,
        },
    ];

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
