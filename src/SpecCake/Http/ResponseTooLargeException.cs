namespace SpecCake.Http;

/// <summary>A success answer larger than a parsing caller accepts (<see cref="ResponseLimits.FailWhenSuccessIsLarger"/>).</summary>
internal sealed class ResponseTooLargeException(int limit)
    : HttpRequestException(HttpRequestError.Unknown, $"answered with more than {ResponseLimits.Describe(limit)}; SpecCake reads at most that much of an answer", null, null)
{
    /// <summary>The limit that was exceeded.</summary>
    public int Limit { get; } = limit;
}
