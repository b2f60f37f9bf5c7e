using Harness.Platform.Stack;

namespace Harness.Platform.Tests.Stack;

/// <summary>A temporary folder holding one stack file and a handler folder, removed after the test.</summary>
internal sealed class StackFixture : IDisposable
{
    public StackFixture(string yaml, IReadOnlyDictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(Path.Combine(Root, "fn"));
        StackPath = Path.Combine(Root, "stack.yml");
        File.WriteAllText(StackPath, yaml);
        Environment = environment ?? new Dictionary<string, string>();
    }

    public string Root { get; } = Directory.CreateTempSubdirectory("harness-stack-").FullName;

    public string StackPath { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public void WriteFile(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public StackParseResult Parse() => new StackFileParser(Environment).ParseFile(StackPath);

    public static StackParseResult Parse(string yaml, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var fixture = new StackFixture(yaml, environment);
        return fixture.Parse();
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
