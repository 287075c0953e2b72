namespace SpecCake.Tests.Specs;

/// <summary>A throw-away folder of spec files (and a config) for one test.</summary>
internal sealed class SpecTree : IDisposable
{
    private readonly TempFolder _folder = new("specs");

    public string Root => _folder.Path;

    public string ConfigPath => Path.Combine(Root, "specs.config.yaml");

    public SpecTree Write(string relativePath, string text)
    {
        _folder.Write(relativePath, text);
        return this;
    }

    public static string ValidSpec(string id, string status = "draft") => $"id: {id}\ntitle: Spec {id}\nstatus: {status}\n";

    public void Dispose() => _folder.Dispose();
}
