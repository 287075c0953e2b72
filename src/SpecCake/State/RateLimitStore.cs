using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpecCake.Configuration;

namespace SpecCake.State;

/// <summary>
/// <c>notifications.rate_limit</c>: sliding hour and day windows per delivery target, kept in
/// <c>notifications.state_file</c> so that consecutive CI runs share them. Only deliveries that
/// reached the service count: a run first reserves a slot per target (<see cref="ReserveAsync"/>),
/// then commits the delivered ones and releases the rest (<see cref="CompleteAsync"/>). Reservations
/// count while they are pending, so two runs sharing the file never exceed the limit together; one
/// left by a process that died (killed mid-send) stops counting at once on the same machine and after
/// <c>reservationLifetime</c> anywhere. Entries dated in the future are impossible and dropped; a
/// damaged file is a warning, never a reason not to send.
/// </summary>
public sealed class RateLimitStore
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    // Clocks of CI machines disagree a little; an entry further ahead than this is not a real send.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly Lazy<ReservationOwner> CurrentProcess = new(ReservationOwner.Current);

    private readonly StateFile _file;
    private readonly RateLimitOptions _limits;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _reservationLifetime;

    /// <summary>Creates the store.</summary>
    /// <param name="path">The state file (created with its directory when absent).</param>
    /// <param name="limits">The limits per target.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="lockTimeout">How long to wait for another run holding the file.</param>
    /// <param name="reservationLifetime">
    /// How long a reservation counts without being completed: longer than any delivery may take
    /// (its total budget); ten minutes by default.
    /// </param>
    public RateLimitStore(string path, RateLimitOptions limits, TimeProvider? timeProvider = null, TimeSpan? lockTimeout = null, TimeSpan? reservationLifetime = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        this._limits = limits ?? throw new ArgumentNullException(nameof(limits));
        this._timeProvider = timeProvider ?? TimeProvider.System;
        this._reservationLifetime = reservationLifetime ?? TimeSpan.FromMinutes(10);
        _file = new StateFile(path, this._timeProvider, lockTimeout ?? TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// Reserves one send in each target's windows, atomically for all targets. A target whose window
    /// is full (sends plus pending reservations) gets a reason and no reservation.
    /// </summary>
    /// <param name="targets">The delivery targets about to be sent.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>The reservation: per target null when it may send, else why not; and any warning about the file.</returns>
    /// <exception cref="IOException">The file stayed locked by another run past the timeout.</exception>
    public async Task<RateLimitReservation> ReserveAsync(IReadOnlyCollection<string> targets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var id = Guid.NewGuid().ToString("N");
        var (verdicts, warning) = await _file.UpdateAsync(
            root =>
            {
                var now = _timeProvider.GetUtcNow();
                var state = State.Read(root, now, _reservationLifetime);
                var verdicts = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var target in targets.Distinct(StringComparer.Ordinal))
                {
                    var reason = Refusal(state, target, now);
                    if (reason is null)
                    {
                        state.Reservations.Add(new Reservation(id, target, now, CurrentProcess.Value));
                    }

                    verdicts[target] = reason;
                }

                return (state.ToJson(), verdicts);
            },
            cancellationToken).ConfigureAwait(false);
        return new RateLimitReservation(id, verdicts, warning);
    }

    /// <summary>
    /// Ends a reservation: the <paramref name="delivered"/> targets become sends in the windows, the
    /// others are released (a failed delivery uses up no slot).
    /// </summary>
    /// <param name="reservation">What <see cref="ReserveAsync"/> returned.</param>
    /// <param name="delivered">The targets the service accepted.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>A warning about the file, or null.</returns>
    /// <exception cref="IOException">The file stayed locked by another run past the timeout.</exception>
    public async Task<string?> CompleteAsync(RateLimitReservation reservation, IReadOnlyCollection<string> delivered, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        ArgumentNullException.ThrowIfNull(delivered);
        var (_, warning) = await _file.UpdateAsync(
            root =>
            {
                var state = State.Read(root, _timeProvider.GetUtcNow(), _reservationLifetime);
                foreach (var target in delivered.Where(target => reservation.Verdicts.TryGetValue(target, out var verdict) && verdict is null))
                {
                    state.Sends.Add((target, _timeProvider.GetUtcNow()));
                }

                state.Reservations.RemoveAll(pending => pending.Id == reservation.Id);
                return (state.ToJson(), true);
            },
            cancellationToken).ConfigureAwait(false);
        return warning;
    }

    private string? Refusal(State state, string target, DateTimeOffset now)
    {
        var sends = state.Sends.Where(send => send.Target == target).Select(send => send.At).ToList();
        var pending = state.Reservations.Where(reservation => reservation.Target == target).Select(reservation => reservation.At).ToList();
        string Pending(int count) => count > 0 ? $", {count} of them still being sent" : string.Empty;

        var lastHour = sends.Count(at => at > now - Hour);
        var pendingHour = pending.Count(at => at > now - Hour);
        if (_limits.MaxPerHour is { } perHour && lastHour + pendingHour >= perHour)
        {
            return $"rate limit: {lastHour + pendingHour} sends in the last hour{Pending(pendingHour)} (max_per_hour: {perHour})";
        }

        var lastDay = sends.Count(at => at > now - Day);
        var pendingDay = pending.Count(at => at > now - Day);
        if (_limits.MaxPerDay is { } perDay && lastDay + pendingDay >= perDay)
        {
            return $"rate limit: {lastDay + pendingDay} sends in the last 24 hours{Pending(pendingDay)} (max_per_day: {perDay})";
        }

        return null;
    }

    /// <summary>The file's content, with what cannot be true (future dates, dead owners, old entries) already dropped.</summary>
    private sealed class State
    {
        public List<(string Target, DateTimeOffset At)> Sends { get; } = [];

        public List<Reservation> Reservations { get; } = [];

        public static State Read(JsonObject? root, DateTimeOffset now, TimeSpan reservationLifetime)
        {
            var state = new State();
            if (root?["sends"] is JsonObject sends)
            {
                foreach (var (target, times) in sends)
                {
                    foreach (var at in (times as JsonArray ?? []).Select(StateFile.Time).OfType<DateTimeOffset>())
                    {
                        if (at > now - Day && at <= now + ClockSkew)
                        {
                            state.Sends.Add((target, at));
                        }
                    }
                }
            }

            if (root?["reservations"] is JsonObject reservations)
            {
                foreach (var (target, entries) in reservations)
                {
                    foreach (var entry in (entries as JsonArray ?? []).OfType<JsonObject>())
                    {
                        if (entry["id"] is JsonValue id && id.TryGetValue<string>(out var key) &&
                            StateFile.Time(entry["at"]) is { } at && at > now - reservationLifetime && at <= now + ClockSkew &&
                            ReservationOwner.From(entry) is var owner && !(owner?.IsGone ?? false))
                        {
                            state.Reservations.Add(new Reservation(key, target, at, owner));
                        }
                    }
                }
            }

            return state;
        }

        public JsonObject ToJson()
        {
            var sends = new JsonObject();
            foreach (var group in Sends.GroupBy(send => send.Target, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                sends[group.Key] = new JsonArray([.. group.Select(send => send.At).Order().Select(at => (JsonNode)StateFile.Text(at))]);
            }

            var reservations = new JsonObject();
            foreach (var group in Reservations.GroupBy(reservation => reservation.Target, StringComparer.Ordinal).OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                reservations[group.Key] = new JsonArray([.. group.Select(reservation => (JsonNode)reservation.ToJson())]);
            }

            return new JsonObject { ["version"] = 2, ["sends"] = sends, ["reservations"] = reservations };
        }
    }

    /// <summary>A pending send: which run reserved it, for which target, when, and which process holds it.</summary>
    private sealed record Reservation(string Id, string Target, DateTimeOffset At, ReservationOwner? Owner)
    {
        public JsonObject ToJson()
        {
            var json = new JsonObject { ["id"] = Id, ["at"] = StateFile.Text(At) };
            Owner?.WriteTo(json);
            return json;
        }
    }

    /// <summary>The process that holds a reservation; on its own machine, whether it still runs tells whether the reservation still counts.</summary>
    private sealed record ReservationOwner(string Host, int ProcessId, DateTimeOffset Started)
    {
        public static ReservationOwner Current()
        {
            using var process = Process.GetCurrentProcess();
            return new ReservationOwner(Environment.MachineName, process.Id, process.StartTime.ToUniversalTime());
        }

        public static ReservationOwner? From(JsonObject entry) =>
            entry["host"] is JsonValue host && host.TryGetValue<string>(out var name) &&
            entry["pid"] is JsonValue pid && pid.TryGetValue<int>(out var id) &&
            entry["started"] is JsonValue started && started.TryGetValue<string>(out var text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? new ReservationOwner(name, id, at)
                : null;

        /// <summary>Whether the owner is known to have died: same machine, and no such process (or another one with its number).</summary>
        public bool IsGone
        {
            get
            {
                if (!string.Equals(Host, Environment.MachineName, StringComparison.Ordinal))
                {
                    return false;
                }

                try
                {
                    using var process = Process.GetProcessById(ProcessId);
                    return (process.StartTime.ToUniversalTime() - Started).Duration() > TimeSpan.FromSeconds(2);
                }
                catch (ArgumentException)
                {
                    return true;
                }
                catch (InvalidOperationException)
                {
                    // It exited while we looked.
                    return true;
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    // Not ours to inspect: assume it runs, and let the lifetime end the reservation.
                    return false;
                }
            }
        }

        public void WriteTo(JsonObject json)
        {
            json["host"] = Host;
            json["pid"] = ProcessId;
            json["started"] = StateFile.Text(Started);
        }
    }
}

/// <summary>What <see cref="RateLimitStore.ReserveAsync"/> decided.</summary>
/// <param name="Id">The reservation, for <see cref="RateLimitStore.CompleteAsync"/>.</param>
/// <param name="Verdicts">Per target: null when it may send, else why not.</param>
/// <param name="Warning">A problem with the state file that did not stop anything (it was damaged and is rewritten), or null.</param>
public sealed record RateLimitReservation(string Id, IReadOnlyDictionary<string, string?> Verdicts, string? Warning);
