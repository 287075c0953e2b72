using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace SpecCake.Tests.TestSupport;

/// <summary>
/// A Cake context on the real file system and globber, with chosen environment variables and
/// arguments, that keeps every log line. What the aliases under test do not use throws.
/// </summary>
public sealed class TestCakeContext : ICakeContext
{
    public TestCakeContext(string workingDirectory, IDictionary<string, string?> variables, params string[] arguments)
    {
        FileSystem = new FileSystem();
        Environment = new TestCakeEnvironment(new DirectoryPath(workingDirectory), variables);
        Globber = new Globber(FileSystem, Environment);
        Arguments = new CakeArguments(arguments.Select(argument => argument.Split('=', 2)).ToLookup(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "true"));
    }

    public RecordingCakeLog Lines { get; } = new();

    public IFileSystem FileSystem { get; }
    public ICakeEnvironment Environment { get; }
    public IGlobber Globber { get; }
    public ICakeLog Log => Lines;
    public ICakeArguments Arguments { get; }
    public IProcessRunner ProcessRunner => throw new NotSupportedException();
    public IRegistry Registry => throw new NotSupportedException();
    public IToolLocator Tools => throw new NotSupportedException();
    public ICakeDataResolver Data => throw new NotSupportedException();
    public ICakeConfiguration Configuration => throw new NotSupportedException();
    public IToolInstaller ToolInstaller => throw new NotSupportedException();
    public IServiceProvider ServiceProvider => throw new NotSupportedException();

    /// <summary>Keeps each line as written, with its level.</summary>
    public sealed class RecordingCakeLog : ICakeLog
    {
        private readonly List<(LogLevel Level, string Text)> _lines = [];

        public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

        public IReadOnlyList<(LogLevel Level, string Text)> All
        {
            get { lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args)
        {
            lock (_lines)
            {
                _lines.Add((level, args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args)));
            }
        }
    }

    private sealed class TestCakeEnvironment(DirectoryPath workingDirectory, IDictionary<string, string?> variables) : ICakeEnvironment
    {
        private readonly CakeEnvironment _real = new(new CakePlatform(), new CakeRuntime());

        public DirectoryPath WorkingDirectory { get; set; } = workingDirectory;
        public DirectoryPath ApplicationRoot => _real.ApplicationRoot;
        public ICakePlatform Platform => _real.Platform;
        public ICakeRuntime Runtime => _real.Runtime;

        public DirectoryPath GetSpecialPath(SpecialPath path) => _real.GetSpecialPath(path);

        public string? GetEnvironmentVariable(string variable) => variables.TryGetValue(variable, out var value) ? value : null;

        public IDictionary<string, string> GetEnvironmentVariables() =>
            variables.Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value!);
    }
}
