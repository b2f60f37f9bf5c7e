using Harness.Node.Access;

namespace Harness.Node.Conntrack;

/// <summary>Node access scoped to one network namespace: file reads on a thread inside it, commands through <c>ip netns exec</c>.</summary>
internal sealed class NetnsNodeAccess : INodeAccess
{
    private readonly NetnsThread _thread;
    private readonly LocalNodeAccess _local = new();

    public NetnsNodeAccess(NetnsThread thread) => _thread = thread;

    public string Description => $"netns {_thread.Name}";

    public bool IsLocal => true;

    public Task<NodeCommandResult> RunAsync(string command, TimeSpan timeout, CancellationToken cancellationToken)
        => _local.RunAsync($"ip netns exec {NodeLimits.ShellQuote(_thread.Name)} /bin/sh -c {NodeLimits.ShellQuote(command)}", timeout, cancellationToken);

    public Task<string?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        // /proc/net is /proc/self/net, which follows the main thread's namespace; thread-self follows ours.
        var scoped = path.StartsWith("/proc/net/", StringComparison.Ordinal) ? "/proc/thread-self/net/" + path["/proc/net/".Length..] : path;
        return _thread.RunAsync(() =>
        {
            try
            {
                using var stream = new FileStream(scoped, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
                using var reader = new StreamReader(stream);
                var buffer = new char[NodeLimits.MaxFileBytes];
                var read = reader.ReadBlock(buffer, 0, buffer.Length);
                return (string?)new string(buffer, 0, read);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
