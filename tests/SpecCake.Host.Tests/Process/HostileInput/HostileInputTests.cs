using System.Text.RegularExpressions;

namespace SpecCake.Host.Tests.Process.HostileInput;

/// <summary>
/// Every case of <see cref="HostileCorpus"/> through the built host (issue 12's "Done means"): its own
/// expectations, and the rules no run may break, whatever the input.
/// </summary>
[Collection(NativeHostCollection.Name)]
public sealed partial class HostileInputTests(NativeHostFixture host, Xunit.Abstractions.ITestOutputHelper log)
{
    // Far more than any case needs to say what is wrong ("... and N more" caps the rest).
    private const int MaxOutputLines = 400;

    public static TheoryData<string> Cases() => [.. HostileCorpus.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Host_HostileInput_OneClearAnswerWithinBudget(string name)
    {
        var hostile = HostileCorpus.All.Single(c => c.Name == name);

        var run = hostile.Run(host);
        var process = run.Process;
        var output = process.All;
        log.WriteLine($"{name}: exit {process.ExitCode} in {process.Elapsed.TotalSeconds:F2} s, peak {process.PeakResidentBytes / (1 << 20)} MiB, {output.Split('\n').Length} lines");

        Assert.True(process.ExitCode == hostile.ExitCode, $"exit {process.ExitCode}, expected {hostile.ExitCode}:\n{Shorten(output)}");
        foreach (var pattern in hostile.Expect)
        {
            Assert.True(Regex.IsMatch(output, pattern), $"expected /{pattern}/ in:\n{Shorten(output)}");
        }

        foreach (var text in hostile.Absent)
        {
            Assert.False(output.Contains(text, StringComparison.Ordinal) || run.StepSummary.Contains(text, StringComparison.Ordinal), $"'{text}' printed:\n{Shorten(output)}");
        }

        if (hostile.ExpectedServerRequests is { } requests)
        {
            Assert.Equal(requests, run.ServerRequests);
        }

        if (process.PeakResidentBytes >= 0)
        {
            Assert.True(process.PeakResidentBytes < hostile.MemoryBudgetBytes, $"peak memory {process.PeakResidentBytes >> 20} MiB");
        }

        Assert.DoesNotMatch(StackTrace(), output);
        AssertNoSecret(output + run.StepSummary);
        AssertNoWorkflowCommandButOwnAnnotations(output);
        var lines = output.Split('\n').Length;
        Assert.True(lines <= MaxOutputLines, $"{lines} lines of output:\n{Shorten(output)}");
        Assert.True(run.StepSummary.Length < 64 * 1024, $"a step summary of {run.StepSummary.Length} characters");
    }

    [Fact]
    public void Corpus_Cases_HaveUniqueNames() =>
        Assert.Equal(HostileCorpus.All.Count, HostileCorpus.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());

    /// <summary>No secret, nor any start of one long enough to mean something.</summary>
    private static void AssertNoSecret(string output)
    {
        const int Meaningful = 12;
        foreach (var (name, secret) in HostileCase.Secrets)
        {
            for (var length = Meaningful; length <= secret.Length; length++)
            {
                Assert.False(output.Contains(secret[..length], StringComparison.Ordinal), $"{length} characters of {name} printed");
            }
        }
    }

    /// <summary>
    /// The GitHub runner takes a line for a command when, after leading white space, it starts with
    /// <c>::</c>, and when it holds <c>##[</c> anywhere (the legacy form); see actions/runner
    /// ActionCommand.TryParseV2 / TryParse. Only SpecCake's own annotations may do either.
    /// </summary>
    private static void AssertNoWorkflowCommandButOwnAnnotations(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            var trimmed = line.TrimStart();
            Assert.False(trimmed.StartsWith("::", StringComparison.Ordinal) && !HostileRun.OwnAnnotation().IsMatch(line), $"a workflow command SpecCake did not mean: {line}");
            Assert.False(line.Contains("##[", StringComparison.Ordinal), $"a legacy workflow command: {line}");
        }

        // A line break the runner sees but a split on \n does not (CR alone, NEL, U+2028/9): nothing after it may be a command either.
        foreach (var piece in Regex.Split(output, "[\r\u0085\u2028\u2029]"))
        {
            Assert.False(piece.TrimStart().StartsWith("::", StringComparison.Ordinal) && !HostileRun.OwnAnnotation().IsMatch(piece), $"a workflow command after a line break: {piece}");
        }
    }

    private static string Shorten(string text) => text.Length <= 6000 ? text : text[..3000] + "\n...\n" + text[^3000..];

    [GeneratedRegex(@"(?m)^\s+at [\w.<>`]+[.(]|\b(System|YamlDotNet|Json|Cake)\.[\w.]*Exception\b")]
    private static partial Regex StackTrace();
}
