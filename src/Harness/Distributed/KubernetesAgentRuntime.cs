using System.Globalization;
using System.Security.Cryptography;
using Harness.Platform.Kubernetes;

namespace Harness.Distributed;

/// <summary>
/// Agents as the pods of an Indexed Job (<see cref="AgentJobClient"/>): the pod with completion index i runs segment i,
/// and the coordinator reaches every agent through the API server's pod proxy, so it needs nothing but a kubeconfig.
/// The run's Job, pods, Secret and ServiceAccount are deleted when the pool is disposed, whatever happened before.
/// </summary>
internal sealed class KubernetesAgentRuntime(DistributedOptions options, TimeProvider time, TimeSpan? startTimeout = null) : IAgentRuntime
{
    /// <summary>A backstop only: agents exit on their own a minute after the coordinator goes silent (<c>--idle-timeout 60</c>).</summary>
    private const long JobDeadlineSeconds = 24 * 3600;

    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(90);

    public string Name => DistributedOptions.Kubernetes;

    public async Task<IAgentPool> StartAsync(int count, string token, CancellationToken cancellationToken)
    {
        if (options.Image is not { Length: > 0 } image)
        {
            throw new AgentStartException("kubernetes agents need the harness image: --agent-image IMAGE, or image: in a distributed: section of the scenario or target file");
        }

        AgentJobClient jobs;
        try
        {
            jobs = AgentJobClient.Connect(options.Kubeconfig, options.Namespace, time);
        }
        catch (KubernetesAccessException e)
        {
            throw new AgentStartException(e.Message, e);
        }

        var runId = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        var job = new AgentJobOptions
        {
            RunId = runId,
            Namespace = jobs.Namespace,
            Agents = count,
            Image = image,
            TokenSecret = "",
            Spread = options.Spread,
            Cpu = options.Cpu,
            Memory = options.Memory,
            DeadlineSeconds = JobDeadlineSeconds,
        };
        var pool = new KubernetesAgentPool(jobs, runId, time, CleanupTimeout);
        try
        {
            var pods = await jobs.StartAsync(job, token, startTimeout ?? TimeSpan.FromSeconds(180), cancellationToken).ConfigureAwait(false);
            pool.Attach(pods, job.Port, token);
            return pool;
        }
        catch (Exception e)
        {
            await pool.DisposeAsync().ConfigureAwait(false);
            if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            var leftovers = pool.Leftovers.Count == 0 ? "" : $" (cleanup: {string.Join("; ", pool.Leftovers)})";
            throw new AgentStartException($"kubernetes agents in {jobs.Namespace} on {jobs.Server} did not start: {e.Message}{leftovers}", e);
        }
    }
}
