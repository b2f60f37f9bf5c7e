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
    /// <summary>The Job's deadline when the plan has no time bound (iterations only): agents still exit a minute after the coordinator goes silent.</summary>
    private const long UnboundedDeadlineSeconds = 24 * 3600;

    /// <summary>Beyond the start and the run's own limit: prepare, the start barrier and the agents' shutdown.</summary>
    private static readonly TimeSpan DeadlineMargin = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromSeconds(180);

    public string Name => DistributedOptions.Kubernetes;

    /// <summary>
    /// The Job's activeDeadlineSeconds: the pods' start, the run's length and a margin. It holds without the coordinator:
    /// if that is killed outright the Job still fails by this deadline (its pods killed), and its TTL then deletes it
    /// with what it owns (the pods, the Secret, the ServiceAccount).
    /// </summary>
    public static long DeadlineSeconds(TimeSpan start, TimeSpan? length) =>
        length is { } l ? (long)Math.Ceiling((start + l + DeadlineMargin).TotalSeconds) : UnboundedDeadlineSeconds;

    public async Task<IAgentPool> StartAsync(int count, string token, TimeSpan? length, CancellationToken cancellationToken)
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
            DeadlineSeconds = DeadlineSeconds(startTimeout ?? DefaultStartTimeout, length),
        };
        var pool = new KubernetesAgentPool(jobs, runId, time, CleanupTimeout);
        try
        {
            var pods = await jobs.StartAsync(job, token, startTimeout ?? DefaultStartTimeout, cancellationToken).ConfigureAwait(false);
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
