using SpecCake.Specs;
using SpecCake.Validation;

namespace SpecCake.Configuration;

/// <summary>The outcome of reading <c>specs.config.yaml</c>: the options, or every problem found.</summary>
public sealed record ConfigLoadResult
{
    /// <summary>The file as it was named to the loader.</summary>
    public required string File { get; init; }

    /// <summary>The validated, interpolated options; null when <see cref="Errors"/> is not empty.</summary>
    public SpecCakeConfig? Config { get; init; }

    /// <summary>Every problem found, in file order. Empty when the file is valid.</summary>
    public IReadOnlyList<ValidationError> Errors { get; init; } = [];

    /// <summary>The secrets of this run and the values to mask (also when the file is invalid).</summary>
    public required SecretStore Secrets { get; init; }

    /// <summary>
    /// <c>specs.paths</c> as far as it could be read, so spec files are still checked when some other
    /// part of the config is invalid; the default when absent.
    /// </summary>
    public IReadOnlyList<string> SpecPaths { get; init; } = ["specs/**/*.yaml"];

    /// <summary>
    /// The secrets (and <c>${VAR}</c>s) enabled integrations need but that are not set. Which of
    /// them matter depends on the task (see <see cref="MissingSecret"/>); when the file was read with
    /// every secret required (<see cref="SpecCakeConfigLoader.Load(string, IReadOnlyDictionary{string, string?})"/>)
    /// each is also in <see cref="Errors"/>.
    /// </summary>
    public IReadOnlyList<MissingSecret> MissingSecrets { get; init; } = [];

    /// <summary><see cref="SpecPaths"/> with where the configuration writes each glob (for errors about one).</summary>
    internal IReadOnlyList<SpecGlobSource> SpecGlobs { get; init; } = [];

    /// <summary>Whether the configuration is valid and <see cref="Config"/> is set.</summary>
    public bool IsValid => Config is not null && Errors.Count == 0;
}
