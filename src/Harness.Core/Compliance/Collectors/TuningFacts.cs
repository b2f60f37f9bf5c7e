using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>The kernel settings the article's node tuning is about, read as they are (recorded, not judged).</summary>
internal static class TuningFacts
{
    private static readonly string[] Sysctls =
    [
        "net/netfilter/nf_conntrack_max",
        "net/core/somaxconn",
        "net/ipv4/ip_local_port_range",
        "net/ipv4/tcp_tw_reuse",
        "fs/file-max",
        "vm/swappiness",
        "vm/overcommit_memory",
    ];

    public static async Task<IReadOnlyList<EvidenceItem>> ReadAsync(INodeFiles files, CancellationToken cancellationToken)
    {
        var facts = new List<EvidenceItem>();
        foreach (var name in Sysctls)
        {
            var path = "/proc/sys/" + name;
            var value = await files.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            if (value is not null)
            {
                facts.Add(new EvidenceItem("node", $"{name.Replace('/', '.')} = {string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}", files.Describe + path));
            }
        }

        return facts;
    }
}
