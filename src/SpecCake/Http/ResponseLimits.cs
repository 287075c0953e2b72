namespace SpecCake.Http;

/// <summary>
/// How much of an answer <see cref="ServiceHttp"/> reads: a service (or a proxy in front of it)
/// may answer with a body that never ends, and no caller needs more than these.
/// </summary>
/// <param name="SuccessBodyBytes">The most of a 2xx body kept.</param>
/// <param name="FailWhenSuccessIsLarger">
/// Whether a larger 2xx body is an error (<see cref="ResponseTooLargeException"/>: the caller parses
/// it, so a cut one is useless) rather than cut silently (the caller does not need it).
/// </param>
/// <param name="ErrorBodyBytes">The most of any other body kept: what an error message quotes.</param>
internal sealed record ResponseLimits(int SuccessBodyBytes, bool FailWhenSuccessIsLarger, int ErrorBodyBytes = ResponseLimits.ErrorExcerptBytes)
{
    /// <summary>Enough of an error answer for the message a user reads (which quotes at most a few hundred characters).</summary>
    public const int ErrorExcerptBytes = 4 * 1024;

    /// <summary>The largest JSON answer a tracker or Octokit parses: far above any page they ask for.</summary>
    public const int JsonAnswerBytes = 8 * 1024 * 1024;

    /// <summary>Notifiers: a success needs no body at all; an error keeps its excerpt.</summary>
    public static ResponseLimits Notification { get; } = new(0, FailWhenSuccessIsLarger: false);

    /// <summary>An SDK that may glance at its success answer (Sentry's <c>{"id":...}</c>): a few KB, cut silently.</summary>
    public static ResponseLimits SdkAnswer { get; } = new(ErrorExcerptBytes, FailWhenSuccessIsLarger: false);

    /// <summary>Trackers and Octokit: the JSON is parsed, so one over the cap fails with a clear error.</summary>
    public static ResponseLimits Json { get; } = new(JsonAnswerBytes, FailWhenSuccessIsLarger: true);

    /// <summary>A size for messages, e.g. <c>8 MiB</c> or <c>4 KiB</c>.</summary>
    public static string Describe(int bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
        : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB"
        : $"{bytes} bytes";
}
