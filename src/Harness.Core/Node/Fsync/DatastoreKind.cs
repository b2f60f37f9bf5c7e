using Harness.Node.Access;

namespace Harness.Node.Fsync;

/// <summary>What k3s keeps in its datastore directory: SQLite through kine (the single-server default) or embedded etcd.</summary>
internal enum DatastoreKind
{
    None,
    K3sSqliteKine,
    K3sEmbeddedEtcd,
}

/// <summary>Looks for k3s's <c>state.db</c> (kine/SQLite) and <c>etcd/</c> under the k3s datastore directory.</summary>
internal static class DatastoreDetector
{
    public static async Task<DatastoreKind> DetectAsync(INodeAccess node, string k3sDbDir, CancellationToken cancellationToken)
    {
        var dir = NodeLimits.ShellQuote(k3sDbDir.TrimEnd('/'));
        var result = await node.RunAsync($"[ -d {dir}/etcd ] && echo etcd; [ -e {dir}/state.db ] && echo sqlite; true", TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var seen = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return seen.Contains("etcd") ? DatastoreKind.K3sEmbeddedEtcd : seen.Contains("sqlite") ? DatastoreKind.K3sSqliteKine : DatastoreKind.None;
    }
}
