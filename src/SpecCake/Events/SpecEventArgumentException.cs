namespace SpecCake.Events;

/// <summary>
/// The NotifySpecEvent arguments cannot make an event: every problem, each with the valid values,
/// in one message so a CI author fixes them in one go.
/// </summary>
public sealed class SpecEventArgumentException : ArgumentException
{
    /// <summary>Creates the exception from its problems.</summary>
    /// <param name="problems">One line per problem.</param>
    public SpecEventArgumentException(IReadOnlyList<string> problems)
        : base(Format(problems))
    {
        Problems = problems;
    }

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        return problems.Count == 1
            ? problems[0]
            : "NotifySpecEvent cannot run:" + string.Concat(problems.Select(problem => Environment.NewLine + "  - " + problem));
    }
}
