using Harness.Platform.Kubernetes;

namespace Harness.Distributed;

/// <summary>
/// The pods of one run's Job: an endpoint per pod through the pod proxy, a watch (a list every second) that reports a
/// pod that failed, stopped or vanished as its agent's exit, and deletion of everything of the run on dispose.
/// </summary>
internal sealed class KubernetesAgentPool(AgentJobClient jobs, string runId, TimeProvider time, TimeSpan cleanupTimeout) : IAgentPool
{
    private static readonly TimeSpan WatchInterval = TimeSpan.FromSeconds(1);

    private readonly List<AgentEndpoint> endpoints = [];
    private readonly Dictionary<string, TaskCompletionSource<string>> exits = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new();
    private Task watch = Task.CompletedTask;
    private IReadOnlyList<string> leftovers = [];
    private bool disposed;

    public IReadOnlyList<AgentEndpoint> Agents => endpoints;

    public IReadOnlyList<string> Leftovers => leftovers;

    public void Attach(IReadOnlyList<AgentPod> pods, int port, string token)
    {
        foreach (var pod in pods)
        {
            var exited = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            exits[pod.Name] = exited;
            var client = jobs.ProxyClient(pod.Name, port, TimeSpan.FromSeconds(10));
            client.DefaultRequestHeaders.Add(AgentServer.TokenHeader, token);
            endpoints.Add(new AgentEndpoint(pod.Index, $"agent {pod.Index} (pod {pod.Name})", client, exited.Task));
        }

        watch = WatchAsync(stop.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await stop.CancelAsync().ConfigureAwait(false);
        await watch.ConfigureAwait(false);
        foreach (var e in endpoints)
        {
            e.Client.Dispose();
        }

        leftovers = await jobs.DeleteAsync(runId, cleanupTimeout).ConfigureAwait(false);
        foreach (var exit in exits.Values)
        {
            exit.TrySetResult("deleted with the run");
        }

        jobs.Dispose();
        stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        // Bounded by the pool's life: disposing it ends the loop.
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(WatchInterval, time, cancellationToken).ConfigureAwait(false);
                var pods = await jobs.PodsAsync(runId, cancellationToken).ConfigureAwait(false);
                foreach (var (name, exit) in exits)
                {
                    if (pods.FirstOrDefault(p => p.Name == name) is not { } pod)
                    {
                        exit.TrySetResult($"pod {name} is gone (deleted or evicted)");
                    }
                    else if (pod.Problem is { } problem)
                    {
                        exit.TrySetResult(problem);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubernetesAccessException)
            {
                // An API server hiccup is not an agent's death: the coordinator's own polls judge reachability.
            }
        }
    }
}
