using System.Diagnostics;
using SpecCake.Events;
using SpecCake.Tests.TestSupport;

namespace SpecCake.Tests.Events;

/// <summary>GitFallback against a misbehaving <c>git</c> (a stand-in first on PATH): it never hangs the run.</summary>
[Collection(ProcessPathCollection.Name)]
public sealed class GitFallbackProcessTests
{
    // Far longer than a healthy run needs (well under a second), far shorter than "forever": past
    // it, WaitAsync throws a TimeoutException and the test fails instead of hanging.
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Complete_GitFillsItsErrorPipeBeforeAnswering_ReadsBothAndCompletes()
    {
        // A megabyte on stderr first (a pipe holds 64 KiB): whoever reads stdout to its end before
        // stderr waits for git, which waits for stderr to be read.
        using var git = new FakeProgramOnPath("git", """
            head -c 1048576 /dev/zero | tr '\0' 'w' >&2
            case "$*" in
              "config --get remote.origin.url") echo "git@github.com:org/repo.git" ;;
              "rev-parse --abbrev-ref HEAD") echo "spec/feat-0001" ;;
              "rev-parse HEAD") echo "0123456789abcdef0123456789abcdef01234567" ;;
              *) exit 1 ;;
            esac
            """);

        var completing = Task.Run(() => GitFallback.Complete(new Dictionary<string, string?>(), Path.GetTempPath()));

        var environment = await completing.WaitAsync(Budget);
        Assert.Equal("org/repo", environment["GITHUB_REPOSITORY"]);
        Assert.Equal("spec/feat-0001", environment["GITHUB_REF_NAME"]);
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", environment["GITHUB_SHA"]);
    }

    [Fact]
    public async Task Complete_GitNeverAnswers_GivesUpAtTheTimeoutAndKillsWhatItStarted()
    {
        // git holds its outputs open through a child of its own, the way a hung credential helper would.
        using var git = new FakeProgramOnPath("git", """
            sleep 300 &
            echo $! >> "$(dirname "$0")/children"
            wait
            """);
        var watch = Stopwatch.StartNew();

        var completing = Task.Run(() => GitFallback.Complete(new Dictionary<string, string?>(), Path.GetTempPath(), TimeSpan.FromSeconds(0.5)));

        Assert.Empty(await completing.WaitAsync(Budget));
        // One hung git is enough to know: it is not asked three times.
        var children = File.ReadAllLines(Path.Combine(git.Folder, "children"));
        Assert.Single(children);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed.TotalSeconds:F1} s");
        var sleeper = int.Parse(children[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(SpinWait.SpinUntil(() => !IsRunning(sleeper), TimeSpan.FromSeconds(10)), $"git's child {sleeper} still runs");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
