using Cake.Core.Diagnostics;
using SpecCake.Validation;

namespace SpecCake.Aliases;

/// <summary>
/// How SpecCake writes to Cake's log. Every message passes <see cref="LogText.Guard"/>, so that no
/// line holds a GitHub workflow command that SpecCake did not mean, whatever value a spec, a config
/// or a service put into it; only <see cref="Annotation"/>, SpecCake's own commands, goes out as is.
/// </summary>
internal static class SpecCakeLog
{
    /// <summary>Writes a message (possibly several lines), guarded.</summary>
    public static void Line(this ICakeLog log, Verbosity verbosity, LogLevel level, string message) =>
        // "{0}": braces in URLs or JSON bodies must not be taken for format placeholders.
        log.Write(verbosity, level, "{0}", LogText.Guard(message));

    /// <summary>An error line, shown at every verbosity.</summary>
    public static void ErrorLine(this ICakeLog log, string message) => log.Line(Verbosity.Quiet, LogLevel.Error, message);

    /// <summary>A warning line.</summary>
    public static void WarningLine(this ICakeLog log, string message) => log.Line(Verbosity.Minimal, LogLevel.Warning, message);

    /// <summary>An information line.</summary>
    public static void InformationLine(this ICakeLog log, string message) => log.Line(Verbosity.Normal, LogLevel.Information, message);

    /// <summary>One of SpecCake's own workflow commands (<c>::error ...</c>), already escaped by <see cref="GitHubActionsReport"/>.</summary>
    public static void Annotation(this ICakeLog log, string command) => log.Write(Verbosity.Quiet, LogLevel.Information, "{0}", command);
}
