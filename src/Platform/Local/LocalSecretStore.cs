using System.Text;
using Harness.Platform.Contracts;

namespace Harness.Platform.Local;

/// <summary>Secrets as files <c>secrets/&lt;namespace&gt;/&lt;name&gt;</c> (folders 0700, files 0600), written atomically.</summary>
internal sealed class LocalSecretStore
{
    private readonly string _root;

    public LocalSecretStore(string root)
    {
        _root = root;
        AtomicFile.CreatePrivateDirectory(root);
    }

    public IReadOnlyList<SecretSpec> List(string @namespace)
    {
        var dir = Path.Combine(_root, @namespace);
        if (!Directory.Exists(dir))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(dir)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(n => new SecretSpec { Name = n!, Namespace = @namespace })];
    }

    /// <summary>The namespaces that hold at least one secret.</summary>
    public IReadOnlyList<string> Namespaces() =>
        [.. Directory.EnumerateDirectories(_root)
            .Select(Path.GetFileName)
            .Where(n => n is not null && !n.StartsWith('.') && List(n).Count > 0)
            .Select(n => n!)
            .Order(StringComparer.Ordinal)];

    public bool Exists(string name, string @namespace) => File.Exists(PathOf(name, @namespace));

    public string PathOf(string name, string @namespace) => Path.Combine(_root, @namespace, name);

    public void Write(SecretSpec secret, string @namespace)
    {
        AtomicFile.CreatePrivateDirectory(Path.Combine(_root, @namespace));
        var bytes = secret.RawValue ?? Encoding.UTF8.GetBytes(secret.Value ?? "");
        AtomicFile.Write(PathOf(secret.Name, @namespace), bytes);
    }

    public bool Delete(string name, string @namespace)
    {
        var path = PathOf(name, @namespace);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }
}
