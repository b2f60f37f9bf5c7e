using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Harness.Architecture.Tests;

/// <summary>The assemblies one compiled assembly references (its metadata, not a load: nothing runs).</summary>
internal static class AssemblyReferences
{
    public static (string Name, IReadOnlyCollection<string> References) Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var references = reader.AssemblyReferences
            .Select(h => reader.GetString(reader.GetAssemblyReference(h).Name))
            .ToHashSet(StringComparer.Ordinal);
        return (reader.GetString(reader.GetAssemblyDefinition().Name), references);
    }
}
