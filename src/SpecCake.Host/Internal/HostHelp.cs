using Cake.Core;

namespace SpecCake.Host.Internal;

/// <summary><c>--help</c>: the options of <see cref="HostCommandLine"/>, laid out as Cake's own help.</summary>
internal static class HostHelp
{
    private static readonly (string Option, string Default, string Description)[] Options =
    [
        ("-h, --help", "", "Prints help information"),
        ("-t, --target <TARGET>", "Default", "Target task to invoke"),
        ("-w, --working <PATH>", "", "Sets the working directory"),
        ("-v, --verbosity <VERBOSITY>", "Normal", "Specifies the amount of information to be displayed (Quiet, Minimal, Normal, Verbose, Diagnostic)"),
        ("    --description", "", "Shows description for each task"),
        ("    --tree", "", "Shows the task dependency tree"),
        ("    --dryrun", "", "Runs the tasks in preview: integrations print what they would send, and send nothing (also --noop, --whatif)"),
        ("-e, --exclusive", "", "Executes the target task without any dependencies"),
        ("    --version", "", "Displays version information"),
        ("    --info", "", "Displays additional information about Cake"),
    ];

    public static void Write(IConsole console, string applicationName)
    {
        console.WriteLine("DESCRIPTION:");
        console.WriteLine("Runs build tasks on Cake's engine. Any other --name=value (or --name value) is passed to the tasks as an argument.");
        console.WriteLine(string.Empty);
        console.WriteLine("USAGE:");
        console.WriteLine($"    {applicationName} [OPTIONS]");
        console.WriteLine(string.Empty);
        console.WriteLine("OPTIONS:");
        console.WriteLine($"    {"",-30} {"DEFAULT",-9}");
        foreach (var (option, defaultValue, description) in Options)
        {
            console.WriteLine($"    {option,-30} {defaultValue,-9} {description}");
        }
    }
}
