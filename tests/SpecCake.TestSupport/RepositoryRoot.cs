namespace SpecCake.TestSupport;

/// <summary>The repository the tests run in: the folder holding SpecCake.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "SpecCake.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("SpecCake.sln not found above " + AppContext.BaseDirectory);
    }
}
