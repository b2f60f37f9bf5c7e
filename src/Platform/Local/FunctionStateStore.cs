using System.Text.Json;

namespace Harness.Platform.Local;

/// <summary>Deployed functions on disk, one JSON file each, replaced atomically.</summary>
internal sealed class FunctionStateStore
{
    private readonly string _root;

    public FunctionStateStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
    }

    public void Save(StoredFunction function)
    {
        var ns = function.Deployment.Namespace ?? Contracts.PlatformDefaults.FunctionNamespace;
        AtomicFile.Write(PathOf(function.Deployment.Service, ns), JsonSerializer.SerializeToUtf8Bytes(function));
    }

    public void Delete(string name, string @namespace) => File.Delete(PathOf(name, @namespace));

    /// <summary>Every stored function; unreadable files are reported, not fatal.</summary>
    public IReadOnlyList<StoredFunction> LoadAll(Action<string, Exception> onError)
    {
        var list = new List<StoredFunction>();
        foreach (var file in Directory.EnumerateFiles(_root, "*.json", SearchOption.AllDirectories))
        {
            if (Path.GetFileName(file).StartsWith('.'))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<StoredFunction>(File.ReadAllBytes(file)) is { } f)
                {
                    list.Add(f);
                }
            }
            catch (Exception ex) when (ex is JsonException or IOException)
            {
                onError(file, ex);
            }
        }

        return list;
    }

    private string PathOf(string name, string @namespace) => Path.Combine(_root, @namespace, name + ".json");
}
