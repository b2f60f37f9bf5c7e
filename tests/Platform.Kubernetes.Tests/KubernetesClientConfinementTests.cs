using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;

namespace Harness.Platform.Kubernetes.Tests;

/// <summary>KubernetesClient is used by src/Platform.Kubernetes only: no other project references it, and the built harness does not either.</summary>
public sealed class KubernetesClientConfinementTests
{
    [Fact]
    public void No_project_under_src_but_Platform_Kubernetes_references_the_KubernetesClient_package()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var offenders = Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) != "Platform.Kubernetes.csproj")
            .Where(p => XDocument.Load(p).Descendants("PackageReference").Any(r => (string?)r.Attribute("Include") == "KubernetesClient"))
            .Select(p => Path.GetRelativePath(src, p))
            .ToList();

        Assert.Empty(offenders);
        Assert.Contains(Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories), p => p.EndsWith("Harness.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void Platform_Kubernetes_keeps_KubernetesClient_types_from_flowing_to_its_referencers_at_compile_time()
    {
        var project = XDocument.Load(Path.Combine(RepositoryRoot(), "src", "Platform.Kubernetes", "Platform.Kubernetes.csproj"));
        var reference = Assert.Single(project.Descendants("PackageReference"), r => (string?)r.Attribute("Include") == "KubernetesClient");
        Assert.Contains("compile", ((string?)reference.Attribute("PrivateAssets") ?? "").Split(';'));
    }

    [Theory]
    [InlineData("harness.dll")]
    [InlineData("Harness.Core.dll")]
    public void The_built_harness_assemblies_do_not_reference_KubernetesClient(string assembly)
    {
        // They are copied next to the tests (project reference); the metadata lists every assembly their code uses.
        var path = Path.Combine(AppContext.BaseDirectory, assembly);
        using var pe = new PEReader(File.OpenRead(path));
        var metadata = pe.GetMetadataReader();
        var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();

        Assert.Contains("Harness.Platform.Kubernetes", references);
        Assert.DoesNotContain("KubernetesClient", references);
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Harness.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
