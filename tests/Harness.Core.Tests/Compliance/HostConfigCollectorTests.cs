using Harness.Compliance.Collectors;
using Harness.Node.Access;

namespace Harness.Core.Tests.Compliance;

public sealed class HostConfigCollectorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("harness-nodefiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Resolvers_time_sources_time_zone_and_tuning_come_from_the_node_files()
    {
        var files = new LocalNodeFiles(ComplianceFixtures.Fixture("node"));
        var tuning = await TuningFacts.ReadAsync(files, CancellationToken.None);

        var facts = await HostConfigCollector.CollectAsync(files, ComplianceFixtures.Resolver(), tuning, CancellationToken.None);

        Assert.Equal(["10.0.0.2", "8.8.8.8"], facts.Resolvers.Select(r => r.Verdict.Host));
        Assert.Equal(["2.debian.pool.ntp.org", "ntp.example.no", "time.cloudflare.com"], facts.TimeServers.Select(t => t.Verdict.Host));
        Assert.Equal("Europe/Oslo", facts.Timezone);
        Assert.Contains(facts.Tuning, t => t.Observed == "net.core.somaxconn = 4096");
        Assert.Contains(facts.Evidence, e => e.Observed.StartsWith("/run/systemd/resolve/resolv.conf: not present", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_node_probe_access_lists_globs_and_reads_links_through_the_shell()
    {
        File.WriteAllText(Path.Combine(_dir, "a.conf"), "x");
        File.WriteAllText(Path.Combine(_dir, "b.conf"), "y");
        File.WriteAllText(Path.Combine(_dir, "c.txt"), "z");
        File.CreateSymbolicLink(Path.Combine(_dir, "localtime"), "/usr/share/zoneinfo/Europe/Oslo");
        await using var access = new LocalNodeAccess();
        var files = new NodeAccessFiles(access);

        var listed = await files.ListAsync(_dir, "*.conf", CancellationToken.None);
        var none = await files.ListAsync(Path.Combine(_dir, "missing"), "*.conf", CancellationToken.None);
        var link = await files.ReadLinkAsync(Path.Combine(_dir, "localtime"), CancellationToken.None);

        Assert.Equal([Path.Combine(_dir, "a.conf"), Path.Combine(_dir, "b.conf")], listed);
        Assert.Empty(none);
        Assert.Equal("/usr/share/zoneinfo/Europe/Oslo", link);
        Assert.Equal("x", await files.ReadAsync(Path.Combine(_dir, "a.conf"), CancellationToken.None));
    }
}
