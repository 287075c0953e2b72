using System.Text.RegularExpressions;
using SpecCake.Configuration;

namespace SpecCake.Trackers;

/// <summary>
/// A request a tracker sends, as its answer's errors name it: <c>jira: POST /rest/api/3/search/jql</c>, or
/// <c>linear: POST /graphql (SpecCakeTeam)</c> for a GraphQL operation.
/// </summary>
/// <param name="Tracker">The tracker's config name.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Url">The absolute URL; errors show only its path.</param>
/// <param name="Mask">Masks secrets in every message about this request.</param>
/// <param name="Operation">The GraphQL operation name, when it is one.</param>
/// <param name="Creates">
/// Whether the request creates an item: an answer that cannot be read then means the item may well exist
/// (the server said yes), so the error says <see cref="TrackerException.MayHaveCreated"/>.
/// </param>
internal sealed partial record TrackerRequest(string Tracker, HttpMethod Method, string Url, SecretMasker Mask, string? Operation = null, bool Creates = false)
{
    /// <summary>A GraphQL operation, named by the operation in its query text.</summary>
    public static TrackerRequest GraphQL(string tracker, string url, string query, SecretMasker mask, bool creates = false) =>
        new(tracker, HttpMethod.Post, url, mask, OperationName().Match(query) is { Success: true } match ? match.Groups[1].Value : null, creates);

    /// <summary>What errors call this request: the tracker, the method, the path (no query string) and the operation.</summary>
    public override string ToString()
    {
        var path = Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : Url;
        return $"{Tracker}: {Method} {path}{(Operation is null ? string.Empty : $" ({Operation})")}";
    }

    /// <summary>The error for an answer that is not what was expected, masked.</summary>
    public TrackerException Unexpected(string answered, string expected) =>
        new(Mask.Apply($"{this} answered {answered}; expected {expected}"), Creates);

    [GeneratedRegex(@"\b(?:query|mutation)\s+(\w+)")]
    private static partial Regex OperationName();
}
