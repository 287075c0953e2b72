using System.Diagnostics;
using System.Globalization;
using SpecCake.Configuration;
using SpecCake.Specs;

// bench/validate: `generate <dir> <count>` writes a config and <count> spec files;
// `validate <config>` runs ValidateSpecs' library path over them and prints the figures.
return args switch
{
    ["generate", var directory, var count] => Generate(directory, int.Parse(count, CultureInfo.InvariantCulture)),
    ["validate", var config] => Validate(config),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: SpecBench generate <dir> <count> | validate <specs.config.yaml>");
    return 2;
}

static int Generate(string directory, int count)
{
    Directory.CreateDirectory(directory);
    File.WriteAllText(Path.Combine(directory, "specs.config.yaml"), "specs:\n  paths: [\"specs/**/*.yaml\"]\n");
    string[] kinds = ["features", "bugs", "chores", "incidents"];
    string[] prefixes = ["FEAT", "BUG", "CHORE", "INC"];
    string[] types = ["feature", "bug", "chore", "incident"];
    string[] statuses = ["draft", "review", "approved", "implemented"];
    for (var i = 0; i < count; i++)
    {
        var kind = i % kinds.Length;
        var folder = Path.Combine(directory, "specs", kinds[kind], $"batch{i / 500:D3}");
        Directory.CreateDirectory(folder);
        var id = $"{prefixes[kind]}-{i + 1:D5}";
        var severity = kind == 3 ? $"severity: SEV{(i % 4) + 1}\n" : string.Empty;
        File.WriteAllText(Path.Combine(folder, id + ".yaml"), $$"""
            # yaml-language-server: $schema=../../../schemas/spec.schema.json
            id: {{id}}
            title: Generated spec number {{i + 1}} for the validation benchmark
            status: {{statuses[i % statuses.Length]}}
            type: {{types[kind]}}
            {{severity}}owner: "@team-{{i % 17}}"
            reviewers: ["@alice", "@bob"]
            labels: [bench, area-{{i % 23}}]
            description: |
              A generated spec used to measure how fast every spec file is validated.
              It has a few lines of Markdown, like a real one.
            acceptance_criteria:
              - id: AC-1
                text: Users can sign in with email and password
              - id: AC-2
                text: Sessions expire after 30 minutes of inactivity
              - Users are locked out after 5 failed attempts

            """);
    }

    Console.WriteLine($"generated {count} spec files under {directory}");
    return 0;
}

static int Validate(string config)
{
    var clock = Stopwatch.StartNew();
    if (Environment.GetEnvironmentVariable("SPECBENCH_PHASES") == "1")
    {
        // Where the time goes, for tuning: the config (JsonSchema.Net's first use) and the spec files.
        var phase = Stopwatch.StartNew();
        var loaded = SpecCakeConfigLoader.Load(config, EnvironmentVariables.Process);
        Console.WriteLine($"config: {phase.ElapsedMilliseconds} ms");
        phase.Restart();
        var catalog = SpecCatalog.Load(Path.GetDirectoryName(Path.GetFullPath(config))!, loaded.SpecPaths, string.Empty);
        Console.WriteLine($"specs: {phase.ElapsedMilliseconds} ms ({catalog.Specs.Count} valid)");
        clock.Restart();
    }

    var report = SpecValidator.Validate(config, EnvironmentVariables.Process);
    clock.Stop();
    foreach (var error in report.Errors.Take(5))
    {
        Console.WriteLine(error);
    }

    Console.WriteLine($"speccake: {report.Catalog.Files.Count} files, {report.Catalog.Specs.Count} valid, {report.Errors.Count} error(s) in {clock.Elapsed.TotalSeconds:F2} s (in-process)");
    return report.IsValid ? 0 : 1;
}
