using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>The node's DNS resolvers (resolv.conf), time sources (chrony, ntpd, timesyncd) and time zone.</summary>
internal static class HostConfigCollector
{
    private static readonly string[] ResolvConfs = ["/etc/resolv.conf", "/run/systemd/resolve/resolv.conf"];
    private static readonly string[] NtpConfs = ["/etc/chrony/chrony.conf", "/etc/chrony.conf", "/etc/ntp.conf", "/etc/ntpsec/ntp.conf"];
    private static readonly string[] NtpConfDirs = ["/etc/chrony/conf.d", "/etc/chrony/sources.d"];
    private const string Timesyncd = "/etc/systemd/timesyncd.conf";

    public static async Task<HostConfigFacts> CollectAsync(INodeFiles files, JurisdictionResolver resolver, IReadOnlyList<EvidenceItem> tuning, CancellationToken cancellationToken)
    {
        var evidence = new List<EvidenceItem>();
        var resolvers = new List<EndpointFact>();
        foreach (var path in ResolvConfs)
        {
            var where = $"{files.Describe}{path}";
            var text = await files.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                evidence.Add(new EvidenceItem("node", $"{path}: not present", where));
                continue;
            }

            var servers = Lines(text).Where(l => l.Length >= 2 && l[0] == "nameserver").Select(l => l[1]).ToList();
            evidence.Add(new EvidenceItem("node", $"{path}: nameserver {(servers.Count > 0 ? string.Join(", ", servers) : "(none)")}", where));
            resolvers.AddRange(servers.Select(s => new EndpointFact("node", $"DNS resolver ({path})", resolver.Resolve(s), new EvidenceItem("node", $"nameserver {s}", where))));
        }

        var timeServers = new List<EndpointFact>();
        var ntpFiles = new List<string>(NtpConfs);
        foreach (var dir in NtpConfDirs)
        {
            ntpFiles.AddRange(await files.ListAsync(dir, "*", cancellationToken).ConfigureAwait(false));
        }

        foreach (var path in ntpFiles)
        {
            var text = await files.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                continue;
            }

            var where = $"{files.Describe}{path}";
            var servers = Lines(text).Where(l => l.Length >= 2 && l[0] is "server" or "pool" or "peer").Select(l => l[1]).ToList();
            evidence.Add(new EvidenceItem("node", $"{path}: time sources {(servers.Count > 0 ? string.Join(", ", servers) : "(none)")}", where));
            timeServers.AddRange(servers.Select(s => new EndpointFact("node", $"time source ({path})", resolver.Resolve(s), new EvidenceItem("node", $"server/pool {s}", where))));
        }

        var timesyncd = new List<string> { Timesyncd };
        timesyncd.AddRange(await files.ListAsync(Timesyncd + ".d", "*.conf", cancellationToken).ConfigureAwait(false));
        foreach (var path in timesyncd)
        {
            var text = await files.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (text is null)
            {
                continue;
            }

            var where = $"{files.Describe}{path}";
            foreach (var raw in text.Split('\n'))
            {
                var line = raw.Trim();
                if (line.StartsWith("NTP=", StringComparison.Ordinal) || line.StartsWith("FallbackNTP=", StringComparison.Ordinal))
                {
                    var key = line[..line.IndexOf('=', StringComparison.Ordinal)];
                    var servers = line[(key.Length + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    evidence.Add(new EvidenceItem("node", $"{path}: {key}={string.Join(' ', servers)}", where));
                    timeServers.AddRange(servers.Select(s => new EndpointFact("node", $"time source ({path} {key})", resolver.Resolve(s), new EvidenceItem("node", $"{key} {s}", where))));
                }
            }
        }

        if (timeServers.Count == 0)
        {
            evidence.Add(new EvidenceItem("node", "no chrony, ntpd or timesyncd server configured (timesyncd's compiled-in fallback may be used)", files.Describe));
        }

        var timezone = (await files.ReadAsync("/etc/timezone", cancellationToken).ConfigureAwait(false))?.Trim();
        var tzSource = "/etc/timezone";
        if (string.IsNullOrEmpty(timezone))
        {
            var link = await files.ReadLinkAsync("/etc/localtime", cancellationToken).ConfigureAwait(false);
            var marker = link?.IndexOf("zoneinfo/", StringComparison.Ordinal) ?? -1;
            timezone = marker >= 0 ? link![(marker + "zoneinfo/".Length)..] : null;
            tzSource = "/etc/localtime → " + (link ?? "(not a link)");
        }

        evidence.Add(new EvidenceItem("node", $"time zone: {timezone ?? "unknown"}", $"{files.Describe}{tzSource}"));
        return new HostConfigFacts
        {
            Resolvers = resolvers,
            TimeServers = timeServers,
            Timezone = timezone,
            Evidence = evidence,
            Tuning = tuning,
        };
    }

    private static IEnumerable<string[]> Lines(string text)
        => text.Split('\n')
            .Select(l => l.Split('#')[0].Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
