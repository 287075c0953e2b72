namespace SpecCake.Checks;

/// <summary>
/// One read-only check of an enabled integration against its live service, as CheckIntegrations
/// runs it: "the API key is valid", "project PROJ exists". Each integration's checks are small
/// classes in its own folder, listed by its descriptor's <c>Checks</c>; they read, never write
/// (their HTTP clients are read-only: see <see cref="CheckContext.ReadOnlyHttp"/>).
/// </summary>
internal interface IIntegrationCheck
{
    /// <summary>What is checked, for the table's check column, e.g. <c>authentication</c> or <c>project PROJ</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Whether the integration's later checks need this one to pass (signing in, the project existing):
    /// when it fails they are reported as skipped instead of failing for the same reason again.
    /// </summary>
    bool IsPrerequisite { get; }

    /// <summary>Runs the check. A service that refuses or cannot be reached is an outcome, not an exception.</summary>
    Task<CheckOutcome> RunAsync(CheckContext context, CancellationToken cancellationToken);
}
