namespace SpecCake.Trackers;

/// <summary>A pull request a tracker item links to (<c>--pr</c> / <c>--pr-url</c>).</summary>
/// <param name="Number">The pull request number.</param>
/// <param name="Url">Its web URL, e.g. <c>https://github.com/org/repo/pull/42</c>.</param>
public sealed record PullRequestRef(int Number, string Url)
{
    /// <summary>The link's title as shown in trackers, e.g. <c>PR #42</c>.</summary>
    public string Title => "PR #" + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
