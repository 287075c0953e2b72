using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>Settings for <see cref="SpecCakeAliases.ValidateSpecs(Cake.Core.ICakeContext, ValidateSpecsSettings)"/>.</summary>
public sealed class ValidateSpecsSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary>Whether invalid specs or config throw (failing the task). True by default.</summary>
    public bool FailOnInvalid { get; set; } = true;
}
