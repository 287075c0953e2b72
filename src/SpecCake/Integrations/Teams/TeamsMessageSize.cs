using SpecCake.Events;

namespace SpecCake.Integrations.Teams;

/// <summary>
/// Teams' size limit for a webhook message, applied to the serialized body whichever card kind it is.
/// </summary>
internal static class TeamsMessageSize
{
    /// <summary>
    /// "The message size limit is 28 KB. When the size exceeds 28 KB, you receive an error."
    /// (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook).
    /// Measured on the UTF-8 body SpecCake sends, with a margin for what Teams adds around it
    /// (elementary-data's Teams alerts keep to 27 KB for the same reason).
    /// </summary>
    public const int MaxBytes = 27_000;

    /// <summary>
    /// The rendered body within <see cref="MaxBytes"/>: the least important facts (error text, reviewers,
    /// branch, repository, title) are shortened first; the event, ID, PR and links are kept, and a
    /// link too long for what is left is left out whole, never cut.
    /// </summary>
    public static byte[] Fit(SpecEventMessage message, Func<SpecEventMessage, byte[]> render)
    {
        byte[]? last = null;
        SpecEventMessage? lastMessage = null;
        var fitted = message.FitTo(MaxBytes, candidate =>
        {
            if (!ReferenceEquals(candidate, lastMessage))
            {
                last = render(candidate);
                lastMessage = candidate;
            }

            return last!.Length;
        }, "Microsoft Teams");

        return ReferenceEquals(fitted, lastMessage) ? last! : render(fitted);
    }
}
