namespace SpecCake.Specs.Changes;

/// <summary>
/// Spec events could not be detected: not a git repository, a ref missing from the clone,
/// or git itself failed. The message says what to do.
/// </summary>
public sealed class SpecChangeDetectionException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    public SpecChangeDetectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="innerException">The cause.</param>
    public SpecChangeDetectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SpecChangeDetectionException()
        : base("Spec events could not be detected.")
    {
    }
}
