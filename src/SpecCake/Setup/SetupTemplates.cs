using System.Text;
using System.Text.RegularExpressions;
using SpecCake.Integrations;

namespace SpecCake.Setup;

/// <summary>
/// The files Init writes, made from the descriptors and from resources embedded in the addin: the
/// configuration (each chosen integration's <see cref="IntegrationDescriptor.SetupBlock"/>), the sample
/// spec, the workflow (<c>specs.workflow.yml</c>, the shape of SpecCake's own workflow: a test keeps
/// the two in step), the JSON Schemas and the launchers, so no copy of them is kept by hand.
/// </summary>
internal static partial class SetupTemplates
{
    /// <summary>Where the chosen files go, relative to the repository root.</summary>
    public const string ConfigPath = "specs.config.yaml";

    public const string SamplePath = "specs/features/FEAT-0001.yaml";

    public const string WorkflowPath = ".github/workflows/specs.yml";

    /// <summary>How the workflow's steps start SpecCake in a repository that uses the tool: its launcher.</summary>
    public const string ToolCommand = "./speccake.sh";

    /// <summary>The <c>actions/setup-dotnet</c> input of a repository without SpecCake's sources.</summary>
    public const string ToolDotnet = "dotnet-version: 10.0.x";

    /// <summary>The configuration for <paramref name="choice"/>.</summary>
    public static string Config(SetupChoice choice)
    {
        var text = new StringBuilder();
        text.Append("""
            # yaml-language-server: $schema=./schemas/specs.config.schema.json
            #
            # SpecCake's configuration, written by Init. Editors with the YAML language server complete and
            # check it from schemas/specs.config.schema.json; SpecCake's README describes every key.
            # ${NAME} in any string is replaced by the environment variable NAME: in CI, a repository secret
            # that .github/workflows/specs.yml passes to the job's env.

            specs:
              paths: ["specs/**/*.yaml"]         # globs, relative to this file

            notifications:
              fail_on_error: true
              state_file: ".speccake/state.json" # rate-limit windows; the workflow caches it between runs
              rate_limit:
                max_per_hour: 30
                max_per_day: 100

            """).Append('\n');
        if (choice.ClaudeCode)
        {
            text.Append("""
                implementation:                      # secrets: ANTHROPIC_API_KEY; GITHUB_TOKEN, the job's own
                  agent: claude-code
                  max_attempts: 3
                  verify: []                         # your build and test commands, e.g. ["npm ci", "npm test"]: they check the agent's work

                """).Append('\n');
        }

        if (choice.Integrations.Count == 0)
        {
            return text.Append("integrations: {}                     # add blocks here, or run Init again with --integrations=...\n").ToString();
        }

        text.Append("integrations:\n");
        foreach (var descriptor in choice.Integrations)
        {
            var secrets = SetupChoice.SecretsOf(descriptor);
            var key = $"  {descriptor.Key}:";
            text.Append(secrets.Count == 0 ? key : key.PadRight(37) + $"# secret{(secrets.Count == 1 ? string.Empty : "s")}: {string.Join(", ", secrets)}").Append('\n');
            foreach (var line in descriptor.SetupBlock.Split('\n'))
            {
                text.Append(line.Length == 0 ? string.Empty : "    " + line).Append('\n');
            }

            text.Append('\n');
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The sample spec, a draft.</summary>
    public static string SampleSpec() => Resource("FEAT-0001.yaml");

    /// <summary>
    /// The workflow for <paramref name="choice"/>: validate on pull requests; detect, notify and sync on
    /// pushes; ImplementSpec and its review rounds with Claude Code. Each job's <c>env:</c> holds the
    /// chosen integrations' secrets (the trackers job only the trackers').
    /// </summary>
    /// <param name="choice">What was chosen.</param>
    /// <param name="command">How a step starts SpecCake, e.g. <c>./speccake.sh</c> (SpecCake's own workflow: <c>./build.sh</c>).</param>
    /// <param name="dotnet">The <c>actions/setup-dotnet</c> input, e.g. <c>dotnet-version: 10.0.x</c>.</param>
    public static string Workflow(SetupChoice choice, string command = ToolCommand, string dotnet = ToolDotnet)
    {
        var flags = new Dictionary<string, bool>(StringComparer.Ordinal) { ["agent"] = choice.ClaudeCode, ["trackers"] = choice.HasTrackers };
        var output = new StringBuilder();
        var keep = new Stack<bool>();
        // The variables an env: block already names (ANTHROPIC_API_KEY, GITHUB_TOKEN): not listed twice.
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in Resource("specs.workflow.yml").Split('\n'))
        {
            if (BlockStart().Match(line) is { Success: true } start)
            {
                keep.Push(flags[start.Groups[1].Value]);
                continue;
            }

            if (line == "@@END@@")
            {
                keep.Pop();
                continue;
            }

            if (keep.Contains(false))
            {
                continue;
            }

            if (EnvList().Match(line) is { Success: true } env)
            {
                foreach (var name in choice.Secrets(trackersOnly: env.Groups[2].Value == "trackers").Where(named.Add))
                {
                    output.Append(env.Groups[1].Value).Append(name).Append(": ${{ secrets.").Append(name).Append(" }}\n");
                }

                continue;
            }

            if (line.Trim() == "env:")
            {
                named.Clear();
            }
            else if (EnvEntry().Match(line) is { Success: true } entry)
            {
                named.Add(entry.Groups[1].Value);
            }

            output.Append(line.Replace("@@RUN@@", command, StringComparison.Ordinal).Replace("@@SETUP-DOTNET@@", "          " + dotnet, StringComparison.Ordinal)).Append('\n');
        }

        return output.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>A JSON Schema of the addin (the one it validates with), e.g. <c>spec.schema.json</c>.</summary>
    public static string Schema(string fileName) => Read("SpecCake.Schemas." + fileName);

    /// <summary>The launchers in the addin, by file name (<c>speccake.sh</c>, <c>speccake.ps1</c>).</summary>
    public static IReadOnlyList<string> Launchers { get; } =
        [.. typeof(SetupTemplates).Assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(LauncherPrefix, StringComparison.Ordinal))
            .Select(name => name[LauncherPrefix.Length..])
            .Order(StringComparer.Ordinal)];

    /// <summary>A launcher's text.</summary>
    public static string Launcher(string fileName) => Read(LauncherPrefix + fileName);

    private const string LauncherPrefix = "SpecCake.Launchers.";

    private static string Resource(string fileName) => Read("SpecCake.Setup." + fileName);

    private static string Read(string name)
    {
        using var stream = typeof(SetupTemplates).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The addin lacks its resource {name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    [GeneratedRegex(@"^@@IF (\w+)@@$")]
    private static partial Regex BlockStart();

    [GeneratedRegex(@"^\s+([A-Z][A-Z0-9_]*): ")]
    private static partial Regex EnvEntry();

    [GeneratedRegex(@"^(\s*)@@ENV (integrations|trackers)@@$")]
    private static partial Regex EnvList();
}
