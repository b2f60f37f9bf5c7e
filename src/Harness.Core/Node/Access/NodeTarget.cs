namespace Harness.Node.Access;

/// <summary>The <c>node:</c> section of a target file: where the node is and where its datastore lives.</summary>
internal sealed record NodeTarget
{
    /// <summary>k3s keeps its datastore (SQLite via kine, or embedded etcd under <c>etcd/</c>) here by default.</summary>
    public const string K3sDatastoreDir = "/var/lib/rancher/k3s/server/db";

    /// <summary>Null means the local node.</summary>
    public SshTarget? Ssh { get; init; }

    /// <summary>Directory to measure fsync in; null means the k3s default on a remote node, a temporary directory locally.</summary>
    public string? DatastoreDir { get; init; }

    /// <summary>A running etcd's client URL (v3 HTTP gateway), for real-etcd mode against an existing cluster.</summary>
    public string? EtcdEndpoint { get; init; }

    /// <summary>Where that etcd serves /metrics, when it is not the endpoint itself (k3s: http://127.0.0.1:2381).</summary>
    public string? EtcdMetricsUrl { get; init; }

    /// <summary>The churn the operator expects, for the conntrack sizing when none was measured.</summary>
    public double? ExpectedNewConnectionsPerSecond { get; init; }

    /// <summary>The file this came from, or null for the built-in default.</summary>
    public string? SourceFile { get; init; }

    /// <summary>The target file has a <c>node:</c> section (<c>node: local</c> included): the node was chosen, not defaulted to this machine.</summary>
    public bool Declared { get; init; }

    public static NodeTarget Local { get; } = new();

    public bool IsLocal => Ssh is null;

    public INodeAccess Open() => Ssh is null ? new LocalNodeAccess() : new SshNodeAccess(Ssh);
}
