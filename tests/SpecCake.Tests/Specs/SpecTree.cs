namespace SpecCake.Tests.Specs;

/// <summary>A throw-away folder of spec files (and a config) for one test.</summary>
internal sealed class SpecTree : IDisposable
{
    public SpecTree()
    {
        Root = Path.Combine(Path.GetTempPath(), "speccake-specs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string ConfigPath => Path.Combine(Root, "specs.config.yaml");

    public SpecTree Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public static string ValidSpec(string id, string status = "draft") => $"id: {id}\ntitle: Spec {id}\nstatus: {status}\n";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }
}
