namespace SpecCake.Http;

/// <summary>An answer's body as far as it was read; <see cref="Truncated"/> when the service sent more.</summary>
internal sealed class BoundedContent(byte[] body, bool truncated) : ByteArrayContent(body)
{
    /// <summary>Whether the body was cut at the limit (an error message quoting it must say so).</summary>
    public bool Truncated { get; } = truncated;
}
