using System.Globalization;
using System.Net;

namespace SpecCake.Http;

/// <summary>
/// A service answered with a redirect, which SpecCake never follows: following would re-send the
/// request (body and credentials) to another address.
/// </summary>
internal sealed class RedirectNotFollowedException(HttpStatusCode status, string? reasonPhrase, Uri? location)
    : HttpRequestException(HttpRequestError.Unknown, Describe(status, reasonPhrase, location) + ": redirects are not followed", null, status)
{
    /// <summary>Where the redirect pointed; null when it had no <c>Location</c>.</summary>
    public Uri? Location { get; } = location;

    /// <summary>The status and where it pointed, e.g. <c>307 Temporary Redirect to https://…</c>.</summary>
    public string Answer { get; } = Describe(status, reasonPhrase, location);

    private static string Describe(HttpStatusCode status, string? reasonPhrase, Uri? location) =>
        $"{((int)status).ToString(CultureInfo.InvariantCulture)} {reasonPhrase}".TrimEnd()
        + (location is null ? " without a Location" : $" to {location.OriginalString}");
}
