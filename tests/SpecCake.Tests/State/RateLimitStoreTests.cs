using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SpecCake.Configuration;
using SpecCake.Delivery;
using SpecCake.State;

namespace SpecCake.Tests.State;

public sealed class RateLimitStoreTests : IDisposable
{
    private readonly TempFolder _folder = new("rate-limits");
    private readonly string _path;

    // In a folder not made yet: the store makes it.
    public RateLimitStoreTests() => _path = _folder.Combine("state", "state.json");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ReserveAsync_HourWindowFull_RefusedUntilTheOldestSendLeavesIt()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero));
        var store = new RateLimitStore(_path, new RateLimitOptions { MaxPerHour = 2, MaxPerDay = 100 }, clock);

        Assert.Null(await SendAsync(store, "slack"));
        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Null(await SendAsync(store, "slack"));
        clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal("rate limit: 2 sends in the last hour (max_per_hour: 2)", await SendAsync(store, "slack"));
        clock.Advance(TimeSpan.FromMinutes(2)); // the 12:00 send is now older than an hour

        Assert.Null(await SendAsync(store, "slack"));
    }

    [Fact]
    public async Task ReserveAsync_DayWindowFull_RefusedWithTheDayLimit()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 19, 0, 0, 0, TimeSpan.Zero));
        var store = new RateLimitStore(_path, new RateLimitOptions { MaxPerHour = 10, MaxPerDay = 3 }, clock);
        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await SendAsync(store, "teams"));
            clock.Advance(TimeSpan.FromHours(2));
        }

        Assert.Equal("rate limit: 3 sends in the last 24 hours (max_per_day: 3)", await SendAsync(store, "teams"));
    }

    [Fact]
    public async Task ReserveAsync_TargetsCountedSeparately_AndKeptAcrossStoreInstances()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero));
        var limits = new RateLimitOptions { MaxPerHour = 1 };
        await SendAsync(new RateLimitStore(_path, limits, clock), "slack");

        var verdicts = (await new RateLimitStore(_path, limits, clock).ReserveAsync(["slack", "discord"])).Verdicts;

        Assert.Equal("rate limit: 1 sends in the last hour (max_per_hour: 1)", verdicts["slack"]);
        Assert.Null(verdicts["discord"]);
    }

    [Fact]
    public async Task CompleteAsync_DeliveryFailed_TheSlotIsReleased()
    {
        var store = new RateLimitStore(_path, new RateLimitOptions { MaxPerHour = 1 });

        var failed = await store.ReserveAsync(["slack"]);
        await store.CompleteAsync(failed, delivered: []);
        var next = await store.ReserveAsync(["slack"]);

        Assert.Null(failed.Verdicts["slack"]);
        Assert.Null(next.Verdicts["slack"]);
    }

    [Fact]
    public async Task ReserveAsync_AnotherRunStillSending_ItsReservationCounts()
    {
        var limits = new RateLimitOptions { MaxPerHour = 1 };
        await new RateLimitStore(_path, limits).ReserveAsync(["slack"]);

        var verdicts = (await new RateLimitStore(_path, limits).ReserveAsync(["slack"])).Verdicts;

        Assert.Equal("rate limit: 1 sends in the last hour, 1 of them still being sent (max_per_hour: 1)", verdicts["slack"]);
    }

    [Fact]
    public async Task ReserveAsync_ReservationOfAProcessKilledMidSend_NoLongerCounts()
    {
        // A real process holds the reservation, as a run killed with kill -9 in the middle of a send would.
        using var holder = Process.Start(new ProcessStartInfo("sleep", "60") { UseShellExecute = false })!;
        var limits = new RateLimitOptions { MaxPerHour = 1 };
        await WriteReservationAsync(DateTimeOffset.UtcNow, Environment.MachineName, holder.Id, holder.StartTime.ToUniversalTime());
        var whileAlive = (await new RateLimitStore(_path, limits).ReserveAsync(["slack"])).Verdicts["slack"];

        holder.Kill();
        await holder.WaitForExitAsync();
        var afterKill = (await new RateLimitStore(_path, limits).ReserveAsync(["slack"])).Verdicts["slack"];

        Assert.StartsWith("rate limit: 1 sends in the last hour, 1 of them still being sent", whileAlive, StringComparison.Ordinal);
        Assert.Null(afterKill);
    }

    [Fact]
    public async Task ReserveAsync_ReservationFromAnotherMachineOlderThanItsLifetime_NoLongerCounts()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero));
        var limits = new RateLimitOptions { MaxPerHour = 1 };
        await WriteReservationAsync(clock.GetUtcNow(), "ci-runner-that-died", 4242, clock.GetUtcNow());
        var store = new RateLimitStore(_path, limits, clock, reservationLifetime: TimeSpan.FromMinutes(2));

        var fresh = (await store.ReserveAsync(["slack"])).Verdicts["slack"];
        clock.Advance(TimeSpan.FromMinutes(3));
        var stale = (await store.ReserveAsync(["slack"])).Verdicts["slack"];

        Assert.NotNull(fresh);
        Assert.Null(stale);
    }

    [Fact]
    public async Task ReserveAsync_EntriesDatedInTheFuture_IgnoredAndPruned()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 19, 12, 0, 0, TimeSpan.Zero));
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await File.WriteAllTextAsync(_path, """{"version":1,"sends":{"slack":["2099-01-01T00:00:00.0000000Z","2025-01-19T12:30:00.0000000Z",42,"not a date"]}}""");

        var reservation = await new RateLimitStore(_path, new RateLimitOptions { MaxPerHour = 1 }, clock).ReserveAsync(["slack"]);

        Assert.Null(reservation.Verdicts["slack"]);
        Assert.Null(reservation.Warning);
        // Only the times the store keeps count: a substring check over the whole file would also
        // match the owner's process start time ("started"), which is the real clock's.
        var state = JsonNode.Parse(await File.ReadAllTextAsync(_path))!;
        Assert.Equal(["2025-01-19T12:00:00.0000000Z"], RecordedTimes(state));
    }

    /// <summary>Every send time and reservation time in a state file, in file order.</summary>
    private static List<string> RecordedTimes(JsonNode state)
    {
        var sends = state["sends"]?.AsObject().SelectMany(target => target.Value!.AsArray()).Select(at => at!.GetValue<string>()) ?? [];
        var reserved = state["reservations"]?.AsObject().SelectMany(target => target.Value!.AsArray()).Select(entry => entry!["at"]!.GetValue<string>()) ?? [];
        return [.. sends, .. reserved];
    }

    [Fact]
    public async Task ReserveAsync_DamagedStateFile_WarnsNamingItAndStartsAfresh()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await File.WriteAllTextAsync(_path, "{ not json");

        var reservation = await new RateLimitStore(_path, new RateLimitOptions { MaxPerHour = 1 }).ReserveAsync(["slack"]);

        Assert.Null(reservation.Verdicts["slack"]);
        Assert.Equal($"the state file {_path} is not valid JSON (line 1); it is ignored and will be rewritten", reservation.Warning);
        Assert.Contains("\"slack\"", await File.ReadAllTextAsync(_path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReserveAsync_FileHeldByAnotherRun_WaitsThenFailsAfterTheTimeout()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using var held = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        await Assert.ThrowsAsync<IOException>(() =>
            new RateLimitStore(_path, new RateLimitOptions { MaxPerHour = 1 }, lockTimeout: TimeSpan.FromMilliseconds(200)).ReserveAsync(["slack"]));
    }

    /// <summary>Reserves and, when allowed, delivers: the verdict.</summary>
    private static async Task<string?> SendAsync(RateLimitStore store, string target)
    {
        var reservation = await store.ReserveAsync([target]);
        await store.CompleteAsync(reservation, reservation.Verdicts[target] is null ? [target] : []);
        return reservation.Verdicts[target];
    }

    private async Task WriteReservationAsync(DateTimeOffset at, string host, int processId, DateTimeOffset started)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        string Text(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var state = new JsonObject
        {
            ["version"] = 2,
            ["sends"] = new JsonObject(),
            ["reservations"] = new JsonObject
            {
                ["slack"] = new JsonArray(new JsonObject { ["id"] = "other-run", ["at"] = Text(at), ["host"] = host, ["pid"] = processId, ["started"] = Text(started) }),
            },
        };
        await File.WriteAllTextAsync(_path, state.ToJsonString());
    }
}
