using Microsoft.Extensions.Time.Testing;
using SpecCake.Configuration;
using SpecCake.Delivery;

namespace SpecCake.Tests.Delivery;

public sealed class RateLimitStoreTests
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "speccake-tests", Guid.NewGuid().ToString("N"), "state.json");

    [Fact]
    public async Task ReserveAsync_HourWindowFull_RefusedUntilTheOldestSendLeavesIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero));
        var store = new RateLimitStore(path, new RateLimitOptions { MaxPerHour = 2, MaxPerDay = 100 }, clock);

        Assert.Null((await store.ReserveAsync(["slack"]))["slack"]);
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Null((await store.ReserveAsync(["slack"]))["slack"]);
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("rate limit: 2 sends in the last hour (max_per_hour: 2)", (await store.ReserveAsync(["slack"]))["slack"]);
        clock.Advance(TimeSpan.FromMinutes(2)); // the 12:00 send is now older than an hour

        Assert.Null((await store.ReserveAsync(["slack"]))["slack"]);
    }

    [Fact]
    public async Task ReserveAsync_DayWindowFull_RefusedWithTheDayLimit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 19, 0, 0, 0, TimeSpan.Zero));
        var store = new RateLimitStore(path, new RateLimitOptions { MaxPerHour = 10, MaxPerDay = 3 }, clock);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null((await store.ReserveAsync(["teams"]))["teams"]);
            clock.Advance(TimeSpan.FromHours(2));
        }

        Assert.Equal("rate limit: 3 sends in the last 24 hours (max_per_day: 3)", (await store.ReserveAsync(["teams"]))["teams"]);
    }

    [Fact]
    public async Task ReserveAsync_TargetsCountedSeparately_AndKeptAcrossStoreInstances()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero));
        var limits = new RateLimitOptions { MaxPerHour = 1 };
        await new RateLimitStore(path, limits, clock).ReserveAsync(["slack"]);

        var verdicts = await new RateLimitStore(path, limits, clock).ReserveAsync(["slack", "discord"]);

        Assert.Equal("rate limit: 1 sends in the last hour (max_per_hour: 1)", verdicts["slack"]);
        Assert.Null(verdicts["discord"]);
    }

    [Fact]
    public async Task ReserveAsync_DamagedStateFile_StartsAfresh()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, "{ not json");

        var verdicts = await new RateLimitStore(path, new RateLimitOptions { MaxPerHour = 1 }).ReserveAsync(["slack"]);

        Assert.Null(verdicts["slack"]);
        Assert.Contains("\"slack\"", await File.ReadAllTextAsync(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReserveAsync_FileHeldByAnotherRun_WaitsThenFailsAfterTheTimeout()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        await Assert.ThrowsAsync<IOException>(() =>
            new RateLimitStore(path, new RateLimitOptions { MaxPerHour = 1 }, lockTimeout: TimeSpan.FromMilliseconds(200)).ReserveAsync(["slack"]));
    }
}
