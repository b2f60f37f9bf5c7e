using System.Globalization;
using System.Net;
using System.Text;
using k8s;
using k8s.Models;

namespace Harness.Platform.Kubernetes;

/// <summary>
/// The Kubernetes side of a distributed run: creates the Secret with the run's agent token, the ServiceAccount and the
/// Indexed Job of <c>harness agent</c> pods, waits until every pod runs and its agent answers through the API server's
/// pod proxy, hands out HttpClients that reach the agents through that proxy (so the coordinator works from outside the
/// cluster with nothing but its kubeconfig), and deletes everything of a run again. The verbs it needs, in one
/// namespace: jobs create/list/patch/delete (patch only to resume the suspended Job); pods list/delete; pods/proxy
/// get/create; secrets create/delete; serviceaccounts create/delete (no get or list on secrets: that would let it read
/// every secret of the namespace). The Secret and ServiceAccount are owned by the Job, so the Job's deletion (by the
/// coordinator, or by its TTL after its deadline when the coordinator was killed) takes them along.
/// </summary>
public sealed class AgentJobClient : IDisposable
{
    /// <summary>The annotation (and, from Kubernetes 1.28, label) the Job controller puts the completion index in.</summary>
    internal const string CompletionIndexAnnotation = "batch.kubernetes.io/job-completion-index";

    private const string TokenKey = "token";

    // Waiting reasons after which a pod will not start without someone changing something.
    private static readonly string[] HopelessReasons = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "CrashLoopBackOff", "ErrImageNeverPull"];

    private readonly k8s.Kubernetes _client;
    private readonly TimeProvider _time;
    private readonly PodProxyCredentials _proxy;

    private AgentJobClient(k8s.Kubernetes client, string @namespace, string server, TimeProvider time)
    {
        _client = client;
        _time = time;
        Namespace = @namespace;
        Server = server;
        _proxy = new PodProxyCredentials(client.Credentials, client.HttpClient);
    }

    /// <summary>The namespace the run's objects are created in.</summary>
    public string Namespace { get; }

    /// <summary>The API server's URL.</summary>
    public string Server { get; }

    /// <summary>
    /// Connects with <paramref name="kubeconfigPath"/> (its current context), or as kubectl does without one
    /// (<c>KUBECONFIG</c>, <c>~/.kube/config</c>, the in-cluster service account). The namespace is
    /// <paramref name="namespace"/>, else the context's, else <c>default</c>.
    /// </summary>
    /// <exception cref="KubernetesAccessException">The kubeconfig cannot be read or used.</exception>
    public static AgentJobClient Connect(string? kubeconfigPath, string? @namespace, TimeProvider? time = null)
    {
        KubernetesClientConfiguration config;
        try
        {
            config = kubeconfigPath is null ? KubernetesClientConfiguration.BuildDefaultConfig() : KubeconfigFile.Load(kubeconfigPath);
        }
        catch (Exception e) when (KubernetesAccessException.From(e, kubeconfigPath is null ? "default kubeconfig" : $"kubeconfig {kubeconfigPath}") is { } wrapped)
        {
            throw wrapped;
        }

        var ns = @namespace is { Length: > 0 } given ? given : config.Namespace is { Length: > 0 } context ? context : "default";
        return new AgentJobClient(new k8s.Kubernetes(config), ns, config.Host, time ?? TimeProvider.System);
    }

    /// <summary>
    /// Creates the run's Job (suspended), its Secret (holding <paramref name="token"/>) and ServiceAccount owned by the Job,
    /// resumes the Job, and returns once every one of
    /// the Job's pods is Running and Ready and its agent answers <c>GET /healthz</c> through the pod proxy, ordered by index.
    /// All three are named <c>harness-agents-RUN</c> and labelled <c>harness.run/id=RUN</c> (the options' namespace and
    /// token secret are replaced by this client's namespace and that name).
    /// Leaves what it created in place when it throws: the caller deletes the run with <see cref="DeleteAsync"/> after every outcome.
    /// </summary>
    /// <exception cref="KubernetesAccessException">The API refused a call, a pod cannot start, or the agents were not up within <paramref name="timeout"/>.</exception>
    public async Task<IReadOnlyList<AgentPod>> StartAsync(AgentJobOptions options, string token, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = AgentJobManifests.JobName(options.RunId);
        var objects = AgentJobManifests.Build(options with { Namespace = Namespace, TokenSecret = name });
        var secret = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Type = "Opaque",
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = objects[0].Metadata.Labels },
            Data = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [TokenKey] = Encoding.UTF8.GetBytes(token) },
        };
        await SweepAbandonedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The Job first, suspended, so the Secret and the ServiceAccount can name it as their owner: whatever happens
            // to this process, deleting the Job (by hand, by its TTL after its deadline) deletes them with it. Then the
            // Job is resumed; only now are its pods created, and their ServiceAccount and token exist.
            var created = await _client.BatchV1.CreateNamespacedJobAsync((V1Job)objects[1], Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            var owner = new V1OwnerReference { ApiVersion = "batch/v1", Kind = "Job", Name = name, Uid = created.Metadata.Uid };
            secret.Metadata.OwnerReferences = [owner];
            var account = (V1ServiceAccount)objects[0];
            account.Metadata.OwnerReferences = [owner];
            await _client.CoreV1.CreateNamespacedSecretAsync(secret, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            await _client.CoreV1.CreateNamespacedServiceAccountAsync(account, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            await _client.BatchV1.PatchNamespacedJobAsync(new V1Patch("{\"spec\":{\"suspend\":false}}", V1Patch.PatchType.MergePatch), name, Namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesAccessException.From(e, $"create the agents' Job {Namespace}/{name}") is { } wrapped)
        {
            throw wrapped;
        }

        var started = _time.GetTimestamp();
        IReadOnlyList<AgentPod> pods = [];
        // Bounded by the timeout; 500 ms between lists: pods take seconds to schedule and start.
        while (_time.GetElapsedTime(started) < timeout)
        {
            pods = await PodsAsync(options.RunId, cancellationToken).ConfigureAwait(false);
            if (pods.FirstOrDefault(p => p.Problem is not null) is { } broken)
            {
                throw new KubernetesAccessException($"agent pod {broken.Name} cannot run: {broken.Problem}");
            }

            if (pods.Count >= options.Agents && Enumerable.Range(0, options.Agents).All(i => pods.Any(p => p.Index == i && p.Phase == "Running" && p.Ready)))
            {
                var indexed = Enumerable.Range(0, options.Agents).Select(i => pods.First(p => p.Index == i)).ToList();
                if (await AllAnswerAsync(indexed, options.Port, cancellationToken).ConfigureAwait(false))
                {
                    return indexed;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), _time, cancellationToken).ConfigureAwait(false);
        }

        var waiting = pods.Count == 0 ? "no pod was created" : string.Join(", ", pods.Select(p => $"{p.Name} {p.Phase}{(p.Ready ? "" : " (not ready)")}"));
        throw new KubernetesAccessException($"the {options.Agents} agents of Job {Namespace}/{name} were not up within {timeout.TotalSeconds:0} s: {waiting}");
    }

    /// <summary>The run's pods, with their index, phase and any reason they cannot run or have stopped.</summary>
    /// <exception cref="KubernetesAccessException">The API could not be asked.</exception>
    public async Task<IReadOnlyList<AgentPod>> PodsAsync(string runId, CancellationToken cancellationToken)
    {
        V1PodList list;
        try
        {
            list = await _client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: Selector(runId), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesAccessException.From(e, $"list the agents' pods in {Namespace}") is { } wrapped)
        {
            throw wrapped;
        }

        return [.. list.Items.Where(p => p.Metadata?.DeletionTimestamp is null).Select(Describe).OrderBy(p => p.Index)];
    }

    /// <summary>A client whose base address is the agent's root through the API server's pod proxy, signed with the kubeconfig's credentials.</summary>
    public HttpClient ProxyClient(string pod, int port, TimeSpan timeout)
    {
        var root = _client.BaseUri.ToString().TrimEnd('/');
        var address = new Uri($"{root}/api/v1/namespaces/{Uri.EscapeDataString(Namespace)}/pods/{Uri.EscapeDataString(pod)}:{port.ToString(CultureInfo.InvariantCulture)}/proxy/");
        // The handler belongs to the API client (its TLS settings and certificates); the proxy clients only borrow it.
        return new HttpClient(_proxy, disposeHandler: false) { BaseAddress = address, Timeout = timeout };
    }

    /// <summary>
    /// Deletes the run's Job (propagation Background) and its pods, Secret and ServiceAccount, then waits (at most
    /// <paramref name="timeout"/>) until no pod of the run is left. Never cancelled by the caller: cleanup must finish.
    /// Returns what could not be deleted or was still there, empty when all is gone.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(string runId, TimeSpan timeout)
    {
        var name = AgentJobManifests.JobName(runId);
        var problems = new List<string>();
        var none = CancellationToken.None;
        try
        {
            var jobs = await _client.BatchV1.ListNamespacedJobAsync(Namespace, labelSelector: Selector(runId), cancellationToken: none).ConfigureAwait(false);
            foreach (var job in jobs.Items)
            {
                await Try(problems, $"job {job.Metadata.Name}", () => _client.BatchV1.DeleteNamespacedJobAsync(job.Metadata.Name, Namespace, propagationPolicy: "Background", cancellationToken: none)).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (KubernetesAccessException.From(e, "list jobs") is { } wrapped)
        {
            problems.Add(wrapped.Message);
        }

        await Try(problems, $"secret {name}", () => _client.CoreV1.DeleteNamespacedSecretAsync(name, Namespace, cancellationToken: none)).ConfigureAwait(false);
        await Try(problems, $"serviceaccount {name}", () => _client.CoreV1.DeleteNamespacedServiceAccountAsync(name, Namespace, cancellationToken: none)).ConfigureAwait(false);

        var started = _time.GetTimestamp();
        var left = new List<string>();
        // Bounded by the timeout: the garbage collector and the pods' termination grace take a few seconds.
        do
        {
            left.Clear();
            try
            {
                var pods = await _client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: Selector(runId), cancellationToken: none).ConfigureAwait(false);
                foreach (var pod in pods.Items)
                {
                    left.Add($"pod {pod.Metadata.Name}");
                    if (pod.Metadata.DeletionTimestamp is null)
                    {
                        // The Job's garbage collection does this too; deleting directly does not wait for it.
                        await Try(problems, $"pod {pod.Metadata.Name}", () => _client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, Namespace, cancellationToken: none)).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception e) when (KubernetesAccessException.From(e, "list pods") is { } wrapped)
            {
                left.Add(wrapped.Message);
            }

            if (left.Count == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), _time, none).ConfigureAwait(false);
        }
        while (_time.GetElapsedTime(started) < timeout);

        return [.. problems.Distinct(StringComparer.Ordinal), .. left.Select(l => $"{l} still there after {timeout.TotalSeconds:0} s")];
    }

    /// <summary>Disposes the Kubernetes client and the pod-proxy handler; the HttpClients from <see cref="ProxyClient"/> stop working then. Leaves the run's objects in the cluster (<see cref="DeleteAsync"/> removes them).</summary>
    public void Dispose()
    {
        _proxy.Dispose();
        _client.Dispose();
    }

    /// <summary>
    /// A coordinator killed in the few milliseconds between creating its Job and resuming it leaves a suspended Job with
    /// no pods, and a suspended Job's deadline never runs. Any run's Job still suspended after 10 minutes is such a
    /// leftover (a live coordinator resumes its Job at once): delete it, with what it owns. Best effort.
    /// </summary>
    private async Task SweepAbandonedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var jobs = await _client.BatchV1.ListNamespacedJobAsync(Namespace, labelSelector: $"{KubernetesNames.ManagedByLabel}={AgentJobManifests.ManagedBy},{AgentJobManifests.ComponentLabel}=agent", cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var job in jobs.Items.Where(j => j.Spec?.Suspend == true && j.Metadata.CreationTimestamp is { } created && _time.GetUtcNow().UtcDateTime - created.ToUniversalTime() > TimeSpan.FromMinutes(10)))
            {
                await _client.BatchV1.DeleteNamespacedJobAsync(job.Metadata.Name, Namespace, propagationPolicy: "Background", cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (KubernetesAccessException.From(e, "sweep") is not null && !cancellationToken.IsCancellationRequested)
        {
            // The run does not depend on it.
        }
    }

    private static string Selector(string runId) => $"{AgentJobManifests.RunLabel}={AgentJobManifests.RunLabelValue(runId)}";

    private async Task<bool> AllAnswerAsync(IReadOnlyList<AgentPod> pods, int port, CancellationToken cancellationToken)
    {
        foreach (var pod in pods)
        {
            using var client = ProxyClient(pod.Name, port, TimeSpan.FromSeconds(5));
            try
            {
                using var response = await client.GetAsync("healthz", cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }

    private static AgentPod Describe(V1Pod pod)
    {
        var annotations = pod.Metadata?.Annotations;
        var index = annotations is not null && annotations.TryGetValue(CompletionIndexAnnotation, out var i) && int.TryParse(i, CultureInfo.InvariantCulture, out var n) ? n : -1;
        var phase = pod.Status?.Phase ?? "Pending";
        var ready = pod.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
        string? problem = null;
        foreach (var c in pod.Status?.ContainerStatuses ?? [])
        {
            if (c.State?.Waiting is { } waiting && HopelessReasons.Contains(waiting.Reason, StringComparer.Ordinal))
            {
                problem = $"{waiting.Reason}{(string.IsNullOrEmpty(waiting.Message) ? "" : ": " + waiting.Message)}";
            }
            else if (c.State?.Terminated is { } terminated)
            {
                problem = $"container {c.Name} exited with code {terminated.ExitCode}{(string.IsNullOrEmpty(terminated.Reason) ? "" : $" ({terminated.Reason})")}";
            }
        }

        if (problem is null && phase is "Failed" or "Succeeded")
        {
            problem = $"pod {phase}{(string.IsNullOrEmpty(pod.Status?.Reason) ? "" : ": " + pod.Status.Reason)}";
        }

        return new AgentPod(index, pod.Metadata?.Name ?? "", phase, ready, problem);
    }

    private static async Task Try(List<string> problems, string what, Func<Task> delete)
    {
        try
        {
            await delete().ConfigureAwait(false);
        }
        catch (Exception e) when (KubernetesErrors.IsNotFound(e))
        {
            // Already gone: what cleanup wants.
        }
        catch (Exception e) when (KubernetesAccessException.From(e, $"delete {what}") is { } wrapped)
        {
            problems.Add(wrapped.Message);
        }
    }
}
