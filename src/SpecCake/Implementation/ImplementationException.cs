namespace SpecCake.Implementation;

/// <summary>
/// ImplementSpec stopped: a refusal before anything happened (a spec that is not approved, a
/// dirty working tree, a missing CLI or secret), or a failure on the way (agent, verify, git,
/// the pull request). The message is one plain, masked sentence that says what to do.
/// </summary>
public sealed class ImplementationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ImplementationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and the fix.</param>
    public ImplementationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and the fix.</param>
    /// <param name="innerException">The cause.</param>
    public ImplementationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
