using Cake.Core;
using Cake.Core.IO;

namespace SpecCake.Aliases;

/// <summary>Settings for <see cref="SpecCakeAliases.ValidateSpecs(Cake.Core.ICakeContext, ValidateSpecsSettings)"/>.</summary>
public sealed class ValidateSpecsSettings
{
    /// <summary>The configuration file; <c>specs.config.yaml</c> in the working directory by default.</summary>
    public FilePath? ConfigFile { get; set; }

    /// <summary>Whether invalid specs or config throw (failing the task). True by default.</summary>
    public bool FailOnInvalid { get; set; } = true;

    /// <summary>The settings the command line asks for: <c>--config</c>.</summary>
    /// <param name="arguments">Cake's arguments, e.g. <c>Context.Arguments</c>.</param>
    /// <returns>The settings.</returns>
    /// <example><code>Task("Specs").Does(() => ValidateSpecs(ValidateSpecsSettings.FromArguments(Context.Arguments)));</code></example>
    public static ValidateSpecsSettings FromArguments(ICakeArguments arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return new ValidateSpecsSettings { ConfigFile = new TaskArguments(arguments).ConfigFile };
    }
}
