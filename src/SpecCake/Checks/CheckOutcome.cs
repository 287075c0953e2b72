namespace SpecCake.Checks;

/// <summary>How a check came out.</summary>
internal enum CheckResult
{
    /// <summary>All is as the configuration says.</summary>
    Passed,

    /// <summary>Could not be told for sure, or works but is worth a look; does not fail the task.</summary>
    Warning,

    /// <summary>Wrong: a sync or a notification would fail because of it. Fails the task.</summary>
    Failed,

    /// <summary>Not run: a check it needs did not pass.</summary>
    Skipped,
}

/// <summary>What a check found, and how to fix it when something is wrong.</summary>
/// <param name="Result">Passed, warning, failed or skipped.</param>
/// <param name="Detail">What was found, e.g. <c>signed in as SpecCake Bot</c>; never a secret.</param>
/// <param name="Fix">What to do, e.g. <c>gh secret set SLACK_WEBHOOK_URL</c>; null when nothing is wrong.</param>
internal sealed record CheckOutcome(CheckResult Result, string Detail, string? Fix = null)
{
    public static CheckOutcome Pass(string detail) => new(CheckResult.Passed, detail);

    public static CheckOutcome Warn(string detail, string fix) => new(CheckResult.Warning, detail, fix);

    public static CheckOutcome Fail(string detail, string fix) => new(CheckResult.Failed, detail, fix);

    public static CheckOutcome Skip(string detail) => new(CheckResult.Skipped, detail);
}

/// <summary>One row of CheckIntegrations' table.</summary>
/// <param name="Integration">The integration's key, e.g. <c>jira</c> (or <c>implementation</c>).</param>
/// <param name="Check">The check's name.</param>
/// <param name="Outcome">What it found.</param>
internal sealed record CheckRow(string Integration, string Check, CheckOutcome Outcome);
