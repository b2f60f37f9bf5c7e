using System.Text.Json;
using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>
/// The local provider's function namespaces, one JSON file each. <c>openfaas-fn</c> always exists; any other must be
/// created first (as faas-netes refuses a namespace without the <c>openfaas=1</c> annotation), so a typo in a stack's
/// <c>namespace:</c> is a 400 at deploy, not a new tenant.
/// </summary>
internal sealed class LocalNamespaceStore
{
    private readonly string _root;

    public LocalNamespaceStore(string root)
    {
        _root = root;
        Directory.CreateDirectory(root);
    }

    public bool Exists(string name) => name == PlatformDefaults.FunctionNamespace || File.Exists(PathOf(name));

    public FunctionNamespace? Get(string name)
    {
        if (name == PlatformDefaults.FunctionNamespace && !File.Exists(PathOf(name)))
        {
            return new FunctionNamespace { Name = name, Labels = OpenFaasMarker, Annotations = OpenFaasMarker };
        }

        try
        {
            return File.Exists(PathOf(name)) ? JsonSerializer.Deserialize<FunctionNamespace>(File.ReadAllBytes(PathOf(name))) : null;
        }
        catch (JsonException)
        {
            return new FunctionNamespace { Name = name };
        }
    }

    /// <summary>Stores the namespace with faas-provider's <c>openfaas=1</c> label and annotation, as go-sdk sends them.</summary>
    public void Save(FunctionNamespace spec)
    {
        var stored = spec with
        {
            Labels = WithMarker(spec.Labels),
            Annotations = WithMarker(spec.Annotations),
        };
        AtomicFile.Write(PathOf(spec.Name), JsonSerializer.SerializeToUtf8Bytes(stored));
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    public IEnumerable<string> Names() =>
        Directory.EnumerateFiles(_root, "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(n => !n.StartsWith('.'));

    private static readonly Dictionary<string, string> OpenFaasMarker = new(StringComparer.Ordinal) { ["openfaas"] = "1" };

    private static Dictionary<string, string> WithMarker(IReadOnlyDictionary<string, string>? values)
    {
        var result = new Dictionary<string, string>(values ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        result.TryAdd("openfaas", "1");
        return result;
    }

    private string PathOf(string name) => Path.Combine(_root, name + ".json");
}
