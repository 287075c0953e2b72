namespace SpecCake.Tests;

/// <summary>
/// The test project mirrors <c>src/SpecCake/</c>, so the tests of a piece of code are found in the
/// folder named like the code's: a folder of tests is a folder of <c>src/SpecCake/</c>, a test class
/// named after a type lives in that type's folder, and namespaces follow folders. Files at the top
/// (the README's and the docs' tests) and the test-only folders <see cref="TestOnlyFolders"/> are
/// outside the rule.
/// </summary>
public sealed class TestLayoutTests
{
    /// <summary>Folders that hold what tests share, not tests of one folder of code: they may appear at any depth.</summary>
    private static readonly string[] TestOnlyFolders = ["TestSupport", "Fakes"];

    private static string Source => Path.Combine(RepositoryRoot.Path, "src", "SpecCake");

    private static string Tests => Path.Combine(RepositoryRoot.Path, "tests", "SpecCake.Tests");

    [Fact]
    public void TestFolders_EachOne_IsAFolderOfSrc()
    {
        var strays = TestFiles()
            .Select(file => MirroredFolder(file))
            .Where(folder => folder.Length > 0 && !Directory.Exists(Path.Combine(Source, folder)))
            .Distinct()
            .Select(folder => $"tests/SpecCake.Tests/{folder}/ has no src/SpecCake/{folder}/: move its tests to the folder of the code they test")
            .ToList();

        Assert.True(strays.Count == 0, string.Join('\n', strays));
    }

    [Fact]
    public void TestClasses_NamedAfterAType_LiveInThatTypesFolder()
    {
        var sources = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(Path.GetRelativePath(Source, file)))
            .ToLookup(file => Path.GetFileName(file).Split('.')[0], file => Folder(Path.GetRelativePath(Source, file)), StringComparer.Ordinal);
        var misplaced = new List<string>();
        foreach (var file in TestFiles())
        {
            var name = Path.GetFileName(file).Split('.')[0];
            if (!name.EndsWith("Tests", StringComparison.Ordinal) || !sources.Contains(name[..^"Tests".Length]))
            {
                continue;
            }

            var folders = sources[name[..^"Tests".Length]].Distinct().ToList();
            if (!folders.Contains(Folder(file)))
            {
                var folder = folders[0];
                misplaced.Add($"tests/SpecCake.Tests/{file} tests src/SpecCake/{Join(folder, name[..^"Tests".Length])}.cs: " +
                    $"git mv it to tests/SpecCake.Tests/{Join(folder, Path.GetFileName(file))} (namespace {Namespace(folder)})");
            }
        }

        Assert.True(misplaced.Count == 0, string.Join('\n', misplaced));
    }

    [Fact]
    public void TestFiles_Namespace_FollowsTheFolder()
    {
        var wrong = TestFiles()
            .Select(file => (File: file, Declared: File.ReadLines(Path.Combine(Tests, file)).FirstOrDefault(line => line.StartsWith("namespace ", StringComparison.Ordinal))))
            .Where(test => test.Declared != $"namespace {Namespace(Folder(test.File))};")
            .Select(test => $"tests/SpecCake.Tests/{test.File}: '{test.Declared}', expected 'namespace {Namespace(Folder(test.File))};'")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
    }

    /// <summary>The test project's C# files, relative to it with '/' separators, build output left out.</summary>
    private static IEnumerable<string> TestFiles() =>
        Directory.EnumerateFiles(Tests, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Tests, file).Replace('\\', '/'))
            .Where(file => !IsBuildOutput(file))
            .Order(StringComparer.Ordinal);

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Replace('\\', '/').Split('/')[0] is "bin" or "obj";

    private static string Folder(string relativePath)
    {
        var folder = Path.GetDirectoryName(relativePath)?.Replace('\\', '/');
        return string.IsNullOrEmpty(folder) ? "" : folder;
    }

    /// <summary>The folder of src/SpecCake a test file's folder stands for: up to its first test-only folder.</summary>
    private static string MirroredFolder(string file) =>
        string.Join('/', Folder(file).Split('/', StringSplitOptions.RemoveEmptyEntries).TakeWhile(part => !TestOnlyFolders.Contains(part)));

    private static string Join(string folder, string name) => folder.Length == 0 ? name : $"{folder}/{name}";

    private static string Namespace(string folder) => folder.Length == 0 ? "SpecCake.Tests" : "SpecCake.Tests." + folder.Replace('/', '.');
}
