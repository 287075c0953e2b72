using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace SpecCake.Tests.Specs;

/// <summary>
/// Just enough of a Cake context for an alias that reads the environment and writes to the log;
/// the rest throws, so a test notices when the alias starts to need more.
/// </summary>
internal sealed class FakeCakeContext(string workingDirectory, Dictionary<string, string> variables) : ICakeContext
{
    public FakeCakeEnvironment FakeEnvironment { get; } = new(workingDirectory, variables);

    public RecordingLog FakeLog { get; } = new();

    public ICakeEnvironment Environment => FakeEnvironment;

    public ICakeLog Log => FakeLog;

    public IFileSystem FileSystem => throw new NotSupportedException();

    public IGlobber Globber => throw new NotSupportedException();

    public ICakeArguments Arguments => throw new NotSupportedException();

    public IProcessRunner ProcessRunner => throw new NotSupportedException();

    public IRegistry Registry => throw new NotSupportedException();

    public IToolLocator Tools => throw new NotSupportedException();

    public ICakeDataResolver Data => throw new NotSupportedException();

    public ICakeConfiguration Configuration => throw new NotSupportedException();

    public IToolInstaller ToolInstaller => throw new NotSupportedException();

    public IServiceProvider ServiceProvider => throw new NotSupportedException();
}

internal sealed class FakeCakeEnvironment(string workingDirectory, Dictionary<string, string> variables) : ICakeEnvironment
{
    public DirectoryPath WorkingDirectory { get; set; } = new(workingDirectory);

    public DirectoryPath UserHomeDirectory => throw new NotSupportedException();

    public DirectoryPath ApplicationRoot => throw new NotSupportedException();

    public ICakePlatform Platform => throw new NotSupportedException();

    public ICakeRuntime Runtime => throw new NotSupportedException();

    public DirectoryPath GetSpecialPath(SpecialPath path) => throw new NotSupportedException();

    public string? GetEnvironmentVariable(string variable) => variables.TryGetValue(variable, out var value) ? value : null;

    public IDictionary<string, string> GetEnvironmentVariables() => variables;
}

internal sealed class RecordingLog : ICakeLog
{
    public List<(LogLevel Level, string Text)> Lines { get; } = [];

    public Verbosity Verbosity { get; set; } = Verbosity.Normal;

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args) =>
        Lines.Add((level, args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args)));
}
