using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace SpecCake.Aliases;

/// <summary>
/// The script's context with <c>dryrun</c>, <c>noop</c> and <c>whatif</c> among its arguments, as the build
/// host passes them: every alias and <c>FromArguments</c> called with it previews instead of sending.
/// </summary>
internal sealed class DryRunContext(ICakeContext context) : ICakeContext
{
    public ICakeArguments Arguments { get; } = WithDryRun(context.Arguments);

    public IFileSystem FileSystem => context.FileSystem;

    public ICakeEnvironment Environment => context.Environment;

    public IGlobber Globber => context.Globber;

    public ICakeLog Log => context.Log;

    public IProcessRunner ProcessRunner => context.ProcessRunner;

    public IRegistry Registry => context.Registry;

    public IToolLocator Tools => context.Tools;

    public ICakeDataResolver Data => context.Data;

    public ICakeConfiguration Configuration => context.Configuration;

    private static CakeArguments WithDryRun(ICakeArguments arguments)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in arguments.GetArguments())
        {
            foreach (var value in values)
            {
                pairs.Add(new(name, value));
            }
        }

        foreach (var name in DryRunArguments.Names)
        {
            pairs.Add(new(name, "true"));
        }

        return new CakeArguments(pairs.ToLookup(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase));
    }
}
