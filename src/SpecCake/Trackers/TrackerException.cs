namespace SpecCake.Trackers;

/// <summary>A tracker refused or could not be reached; the message is for users and carries no secret.</summary>
internal sealed class TrackerException : Exception
{
    public TrackerException(string message, bool mayHaveCreated = false)
        : base(message)
    {
        MayHaveCreated = mayHaveCreated;
    }

    /// <summary>
    /// A create request failed in a way that does not tell whether the server created the item
    /// (a 5xx or a lost connection): the reconciler looks the item up again instead of guessing.
    /// </summary>
    public bool MayHaveCreated { get; }

    /// <summary>The HTTP status the service answered with, when it answered with an error.</summary>
    public int? StatusCode { get; init; }
}
