using System.Globalization;
using System.Net;
using Harness.Node.Access;

namespace Harness.Node.Conntrack;

/// <summary>
/// Two network namespaces joined by a veth pair, with an nftables <c>ct state</c> rule on the server side, so conntrack
/// counts the lab's connections only. Names are unique per run; <see cref="DisposeAsync"/> deletes everything, also after a failed setup.
/// </summary>
internal sealed class ConntrackLab : IAsyncDisposable
{
    public const int ServerPort = 8080;
    private readonly LocalNodeAccess _shell = new();
    private bool _disposed;

    private ConntrackLab(string id, int subnet)
    {
        Id = id;
        ServerNs = $"hct-srv-{id}";
        ClientNs = $"hct-cli-{id}";
        ServerVeth = $"hct{id}s";
        ClientVeth = $"hct{id}c";
        ServerAddress = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"10.201.{subnet}.2"));
        ClientAddress = IPAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"10.201.{subnet}.1"));
    }

    public string Id { get; }
    public string ServerNs { get; }
    public string ClientNs { get; }
    public string ServerVeth { get; }
    public string ClientVeth { get; }
    public IPAddress ServerAddress { get; }
    public IPAddress ClientAddress { get; }

    public NetnsThread? ServerThread { get; private set; }
    public NetnsThread? ClientThread { get; private set; }

    /// <summary>Builds the lab; on any failure it removes what it created and throws with the failing command's output.</summary>
    public static async Task<ConntrackLab> CreateAsync(CancellationToken cancellationToken)
    {
        // Interface names are limited to 15 characters: "hct" + 8 hex + "s" fits.
        var id = Convert.ToHexStringLower(BitConverter.GetBytes(Random.Shared.Next()));
        var lab = new ConntrackLab(id, Random.Shared.Next(1, 255));
        try
        {
            await lab.SetUpAsync(cancellationToken).ConfigureAwait(false);
            return lab;
        }
        catch
        {
            await lab.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task SetUpAsync(CancellationToken cancellationToken)
    {
        var s = ServerNs;
        var c = ClientNs;
        var server = ServerAddress.ToString();
        var client = ClientAddress.ToString();
        string[] steps =
        [
            $"ip netns add {s}",
            $"ip netns add {c}",
            $"ip link add {ServerVeth} type veth peer name {ClientVeth}",
            $"ip link set {ServerVeth} netns {s}",
            $"ip link set {ClientVeth} netns {c}",
            $"ip -n {s} addr add {server}/24 dev {ServerVeth}",
            $"ip -n {c} addr add {client}/24 dev {ClientVeth}",
            $"ip -n {s} link set lo up",
            $"ip -n {c} link set lo up",
            $"ip -n {s} link set {ServerVeth} up",
            $"ip -n {c} link set {ClientVeth} up",
            // The ct state rule is what makes the kernel track connections in the server namespace.
            $"ip netns exec {s} nft -f - <<'EOF'\ntable inet harness {{ chain input {{ type filter hook input priority 0; policy accept;\n  ct state established,related accept; tcp dport {ServerPort} ct state new accept; }}\n}}\nEOF",
        ];
        foreach (var step in steps)
        {
            var result = await _shell.RunAsync(step, TimeSpan.FromSeconds(15), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"conntrack lab: `{step.Split('\n')[0]}` failed: {(result.StdErr + result.StdOut).Trim()}");
            }
        }

        ServerThread = new NetnsThread(s);
        ClientThread = new NetnsThread(c);
    }

    /// <summary>True while either namespace still exists (for tests that check the cleanup).</summary>
    public static bool Exists(string netns) => File.Exists($"/run/netns/{netns}");

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ServerThread?.Dispose();
        ClientThread?.Dispose();

        // Deleting the namespaces removes the veth pair, the nftables table and the conntrack entries with them.
        // Not cancellable: cleanup must finish even after Ctrl-C.
        foreach (var ns in new[] { ServerNs, ClientNs })
        {
            if (Exists(ns))
            {
                await _shell.RunAsync($"ip netns del {ns}", TimeSpan.FromSeconds(15), CancellationToken.None).ConfigureAwait(false);
            }
        }

        await _shell.RunAsync($"ip link del {ServerVeth} 2>/dev/null; true", TimeSpan.FromSeconds(15), CancellationToken.None).ConfigureAwait(false);
    }
}
