namespace Harness.Tests.Docs;

public sealed class DocLinksTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("harness-doclinks-").FullName;

    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_names_a_file_and_heading_that_exist()
    {
        var site = DocSite.Load(RepoRoot());
        Assert.Contains("README.md", site.Pages);
        Assert.Contains(DocSite.Index, site.Pages);
        var broken = site.BrokenLinks();
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join('\n', broken));
    }

    [Fact]
    public void Every_docs_page_is_reachable_from_the_docs_index()
    {
        var unreachable = DocSite.Load(RepoRoot()).Unreachable();
        Assert.True(unreachable.Count == 0, $"not reachable from {DocSite.Index}:\n" + string.Join('\n', unreachable));
    }

    [Fact]
    public void The_check_reports_a_missing_file_a_missing_heading_and_an_orphan_page()
    {
        Write("README.md", "# Top\n\n[docs](docs/README.md) [gone](docs/gone.md) [ok](#top)\n");
        Write("docs/README.md", "# Index\n\n- [a](a.md#load-models)\n- [b](a.md#no-such-heading)\n- [up](../README.md#top)\n");
        Write("docs/a.md", "# A\n\n## Load models\n\n```\n[not a link](nowhere.md)\n```\n`[nor this](nowhere.md)`\n");
        Write("docs/orphan.md", "# Orphan\n");

        var site = DocSite.Load(_scratch);

        Assert.Equal(
            ["README.md:3: docs/gone.md: no such file", "docs/README.md:4: a.md#no-such-heading: no heading #no-such-heading in docs/a.md"],
            site.BrokenLinks());
        Assert.Equal(["docs/orphan.md"], site.Unreachable());
    }

    [Theory]
    [InlineData("Load models", "load-models")]
    [InlineData("`harness run`: load, scenarios and thresholds", "harness-run-load-scenarios-and-thresholds")]
    [InlineData("Node fitness: etcd fsync, conntrack and kernel tuning (`harness node …`)", "node-fitness-etcd-fsync-conntrack-and-kernel-tuning-harness-node-")]
    [InlineData("Kubernetes / k3s", "kubernetes--k3s")]
    [InlineData("The C# API (for NBomber users)", "the-c-api-for-nbomber-users")]
    [InlineData("[Linked](x.md) heading", "linked-heading")]
    public void Anchors_are_the_slugs_GitHub_gives_headings(string heading, string slug)
        => Assert.Equal(slug, MarkdownPage.Slug(heading));

    [Fact]
    public void Repeated_headings_get_numbered_anchors()
        => Assert.Equal(["tests", "tests-1", "tests-2"], MarkdownPage.Parse("## Tests\n## Tests\n### Tests\n").Anchors.Order(StringComparer.Ordinal));

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_scratch, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Harness.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Harness.sln not found above " + AppContext.BaseDirectory);
    }
}
