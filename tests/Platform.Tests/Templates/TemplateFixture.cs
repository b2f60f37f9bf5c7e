namespace Harness.Platform.Tests.Templates;

/// <summary>Scratch folders with handler files for template tests, deleted on dispose.</summary>
internal sealed class TemplateFixture : IDisposable
{
    public TemplateFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "harness-tpl-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Handler(string name, params (string File, string Content)[] files)
    {
        var dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        foreach (var (file, content) in files)
        {
            var path = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }

        return dir;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
