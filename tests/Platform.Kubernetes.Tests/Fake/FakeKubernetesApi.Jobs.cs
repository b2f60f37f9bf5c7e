using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>
/// batch/v1 Jobs for the fake API: the Job controller of an Indexed Job (pods <c>JOB-INDEX-SUFFIX</c> with the
/// completion-index annotation and label and <c>JOB_COMPLETION_INDEX</c> in their env; none while <c>spec.suspend</c>,
/// created when a merge patch resumes it), their pods run by the <see cref="FakeJobKubelet"/>; the Job ends when all its
/// pods have exited (Complete, or Failed when one failed), and fails with DeadlineExceeded (its pods killed and
/// deleted) <c>activeDeadlineSeconds</c> after it started, on <see cref="JobClock"/>; <c>ttlSecondsAfterFinished</c>
/// after it finished it is deleted in the foreground. The garbage collector: deleting a Job with propagation Background
/// or Foreground deletes its pods and every object whose ownerReferences name its uid (none: they are orphaned, their
/// reference removed, as batch/v1 does by default). And the pod proxy
/// (<c>/api/v1/namespaces/NS/pods/POD:PORT/proxy/PATH</c>) to a pod's loopback port.
/// </summary>
internal sealed partial class FakeKubernetesApi
{
    private static readonly HttpClient ProxyClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<(string Ns, string Name), FakeJobPod> _jobPods = [];
    private readonly List<ITimer> _jobTimers = [];
    private FakeJobKubelet? _jobKubelet;
    private int _podSequence;

    /// <summary>The Job controller's clock (deadlines and TTLs); a FakeTimeProvider lets a test pass a deadline at once.</summary>
    public TimeProvider JobClock { get; set; } = TimeProvider.System;

    /// <summary>When set, the pods of Jobs run as real processes (see <see cref="FakeJobKubelet"/>); without it Jobs get no pods.</summary>
    public FakeJobKubelet? JobKubelet
    {
        get => _jobKubelet;
        set
        {
            _jobKubelet = value;
            if (value is not null)
            {
                value.Changed = RefreshJobPod;
            }
        }
    }

    /// <summary>Objects of <paramref name="resource"/> in <paramref name="ns"/> whose labels contain <paramref name="selector"/> (k=v,...).</summary>
    public IReadOnlyList<JsonObject> ListObjects(string resource, string ns, string? selector = null)
    {
        lock (_gate)
        {
            return _objects.Where(kv => kv.Key.Resource == resource && kv.Key.Ns == ns && Matches(kv.Value, selector)).Select(kv => (JsonObject)kv.Value.DeepClone()).ToList();
        }
    }

    private void StartJobLocked(string ns, JsonObject job)
    {
        if (_jobKubelet is null || job["spec"]?["suspend"]?.GetValue<bool>() == true)
        {
            return;
        }

        var uid = job["metadata"]!["uid"]!.GetValue<string>();
        var jobName = job["metadata"]!["name"]!.GetValue<string>();
        job["status"] = new JsonObject { ["startTime"] = JobClock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["active"] = job["spec"]?["parallelism"]?.DeepClone() ?? 1 };
        if (job["spec"]?["activeDeadlineSeconds"]?.GetValue<long>() is { } deadline)
        {
            After(TimeSpan.FromSeconds(deadline), () => FailLocked(ns, jobName, uid, "DeadlineExceeded", "Job was active longer than specified deadline"));
        }

        var name = job["metadata"]!["name"]!.GetValue<string>();
        var spec = job["spec"]!;
        var completions = spec["completions"]?.GetValue<int>() ?? 1;
        var template = spec["template"]!.AsObject();
        var container = template["spec"]!["containers"]![0]!;
        var image = container["image"]!.GetValue<string>();
        var args = container["args"]?.AsArray().Select(a => a!.GetValue<string>()).ToList() ?? [];
        var containerPort = container["ports"]?[0]?["containerPort"]?.GetValue<int>() ?? 0;
        var probe = container["readinessProbe"]?["httpGet"]?["path"]?.GetValue<string>();
        for (var i = 0; i < completions; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            var podName = $"{name}-{index}-{(++_podSequence).ToString("x5", CultureInfo.InvariantCulture)}";
            var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["JOB_COMPLETION_INDEX"] = index };
            string? missing = null;
            foreach (var item in container["env"]?.AsArray() ?? [])
            {
                var key = item!["name"]!.GetValue<string>();
                if (item["valueFrom"]?["secretKeyRef"] is { } reference)
                {
                    var secret = reference["name"]!.GetValue<string>();
                    var data = _objects.TryGetValue(("secrets", ns, secret), out var s) ? s["data"]?[reference["key"]!.GetValue<string>()]?.GetValue<string>() : null;
                    if (data is null)
                    {
                        missing = $"secret \"{secret}\" not found";
                    }
                    else
                    {
                        env[key] = Encoding.UTF8.GetString(Convert.FromBase64String(data));
                    }
                }
                else
                {
                    env[key] = item["value"]?.GetValue<string>() ?? "";
                }
            }

            var labels = (JsonObject)(template["metadata"]?["labels"]?.DeepClone() ?? new JsonObject());
            labels["batch.kubernetes.io/job-name"] = name;
            labels["job-name"] = name;
            labels["batch.kubernetes.io/job-completion-index"] = index;
            var pod = missing is null
                ? _jobKubelet.Start(ns, name, i, podName, image, args, containerPort, probe, env)
                : new FakeJobPod(ns, name, i, podName, containerPort, 0) { Waiting = "CreateContainerConfigError" };
            _jobPods[(ns, podName)] = pod;
            var podSpec = (JsonObject)template["spec"]!.DeepClone();
            podSpec["containers"]![0]!["env"] = new JsonArray([.. env.Select(e => (JsonNode)new JsonObject { ["name"] = e.Key, ["value"] = e.Key == "JOB_COMPLETION_INDEX" ? e.Value : "(from the pod spec)" })]);
            var obj = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject
                {
                    ["name"] = podName,
                    ["namespace"] = ns,
                    ["uid"] = Guid.NewGuid().ToString(),
                    ["labels"] = labels,
                    ["annotations"] = new JsonObject { ["batch.kubernetes.io/job-completion-index"] = index },
                    ["ownerReferences"] = new JsonArray(new JsonObject
                    {
                        ["apiVersion"] = "batch/v1", ["kind"] = "Job", ["name"] = name, ["uid"] = job["metadata"]!["uid"]!.DeepClone(), ["controller"] = true, ["blockOwnerDeletion"] = true,
                    }),
                    ["resourceVersion"] = NextVersion(),
                },
                ["spec"] = podSpec,
            };
            obj["status"] = PodStatus(pod);
            Put(("pods", ns, podName), obj);
        }
    }

    private void JobPatchedLocked(string ns, JsonObject before, JsonObject after)
    {
        if (before["spec"]?["suspend"]?.GetValue<bool>() == true && after["spec"]?["suspend"]?.GetValue<bool>() != true)
        {
            StartJobLocked(ns, after);
        }
    }

    /// <summary>The Job's end: its active pods are killed and deleted, the Failed condition set, and its TTL starts.</summary>
    private void FailLocked(string ns, string name, string uid, string reason, string message)
    {
        if (!_objects.TryGetValue(("jobs", ns, name), out var job) || job["metadata"]!["uid"]!.GetValue<string>() != uid || job["status"]?["conditions"] is not null)
        {
            return;
        }

        foreach (var pod in _jobPods.Values.Where(p => p.Namespace == ns && p.Job == name && p.ExitCode is null).ToList())
        {
            KillJobPodLocked(ns, pod.Name);
            Drop(("pods", ns, pod.Name));
        }

        FinishLocked(ns, job, "Failed", reason, message);
    }

    private void FinishLocked(string ns, JsonObject job, string type, string reason, string message)
    {
        var status = job["status"] as JsonObject ?? new JsonObject();
        status["active"] = 0;
        status["conditions"] = new JsonArray(new JsonObject { ["type"] = type, ["status"] = "True", ["reason"] = reason, ["message"] = message });
        job["status"] = status;
        job["metadata"]!["resourceVersion"] = NextVersion();
        var name = job["metadata"]!["name"]!.GetValue<string>();
        var uid = job["metadata"]!["uid"]!.GetValue<string>();
        Emit("MODIFIED", ("jobs", ns, name), job);
        if (job["spec"]?["ttlSecondsAfterFinished"]?.GetValue<int>() is { } ttl)
        {
            // The TTL controller deletes a finished Job in the foreground.
            After(TimeSpan.FromSeconds(ttl), () =>
            {
                if (_objects.TryGetValue(("jobs", ns, name), out var current) && current["metadata"]!["uid"]!.GetValue<string>() == uid)
                {
                    DeleteJobLocked(ns, name, "Foreground");
                    Drop(("jobs", ns, name));
                }
            });
        }
    }

    /// <summary>
    /// When every pod has exited the Job is Complete (all succeeded) or Failed. Simplified: a real Job controller with
    /// backoffLimit 0 fails the Job at the first failed pod and terminates the others at once; the fake lets them run.
    /// </summary>
    private void JobPodChangedLocked(FakeJobPod pod)
    {
        if (pod.ExitCode is null || !_objects.TryGetValue(("jobs", pod.Namespace, pod.Job), out var job) || job["status"]?["conditions"] is not null)
        {
            return;
        }

        var pods = _jobPods.Values.Where(p => p.Namespace == pod.Namespace && p.Job == pod.Job).ToList();
        if (pods.Count < (job["spec"]?["completions"]?.GetValue<int>() ?? 1) || pods.Any(p => p.ExitCode is null))
        {
            return;
        }

        if (pods.All(p => p.ExitCode == 0))
        {
            FinishLocked(pod.Namespace, job, "Complete", "", "");
        }
        else
        {
            FinishLocked(pod.Namespace, job, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        }
    }

    private void After(TimeSpan due, Action locked)
    {
        var timer = JobClock.CreateTimer(_ =>
        {
            lock (_gate)
            {
                locked();
            }
        }, null, due, Timeout.InfiniteTimeSpan);
        _jobTimers.Add(timer);
    }

    private void DisposeJobTimers()
    {
        lock (_gate)
        {
            foreach (var t in _jobTimers)
            {
                t.Dispose();
            }

            _jobTimers.Clear();
        }
    }

    /// <summary>As the API server: an ownerReference needs apiVersion, kind, name and uid.</summary>
    private static (int, JsonNode?, string?)? InvalidOwnerReferences(JsonObject obj)
    {
        var i = 0;
        foreach (var reference in obj["metadata"]?["ownerReferences"]?.AsArray() ?? [])
        {
            foreach (var field in new[] { "apiVersion", "kind", "name", "uid" })
            {
                if (reference?[field]?.GetValue<string>() is not { Length: > 0 })
                {
                    return (422, Status(422, "Invalid", $"metadata.ownerReferences[{i}].{field}: Invalid value: \"\": {field} must not be empty"), null);
                }
            }

            i++;
        }

        return null;
    }

    private static JsonObject PodStatus(FakeJobPod pod)
    {
        JsonObject state;
        string phase;
        if (pod.Waiting is { } reason)
        {
            (phase, state) = ("Pending", new JsonObject { ["waiting"] = new JsonObject { ["reason"] = reason, ["message"] = $"the fake kubelet cannot run this container ({reason})" } });
        }
        else if (pod.ExitCode is { } code)
        {
            (phase, state) = (code == 0 ? "Succeeded" : "Failed", new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = code, ["reason"] = code == 0 ? "Completed" : "Error" } });
        }
        else
        {
            (phase, state) = ("Running", new JsonObject { ["running"] = new JsonObject { ["startedAt"] = "2026-01-02T03:04:05Z" } });
        }

        return new JsonObject
        {
            ["phase"] = phase,
            ["podIP"] = "127.0.0.1",
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = pod.Ready ? "True" : "False" }),
            ["containerStatuses"] = new JsonArray(new JsonObject { ["name"] = "agent", ["ready"] = pod.Ready, ["state"] = state }),
        };
    }

    private void RefreshJobPod(FakeJobPod pod)
    {
        lock (_gate)
        {
            if (_objects.TryGetValue(("pods", pod.Namespace, pod.Name), out var obj))
            {
                obj["status"] = PodStatus(pod);
                obj["metadata"]!["resourceVersion"] = NextVersion();
                Emit("MODIFIED", ("pods", pod.Namespace, pod.Name), obj);
            }

            JobPodChangedLocked(pod);
        }
    }

    private void DeleteJobLocked(string ns, string job, string? propagation)
    {
        var uid = _objects.TryGetValue(("jobs", ns, job), out var obj) ? obj["metadata"]?["uid"]?.GetValue<string>() : null;
        var dependents = _objects.Where(kv => kv.Key.Ns == ns && uid is not null
            && (kv.Value["metadata"]?["ownerReferences"]?.AsArray() ?? []).Any(r => r?["uid"]?.GetValue<string>() == uid)).Select(kv => kv.Key).ToList();
        if (propagation is not ("Background" or "Foreground"))
        {
            // batch/v1's default for a Job deleted through the API is to orphan its dependents: the collector drops their reference.
            foreach (var key in dependents)
            {
                var references = _objects[key]["metadata"]!["ownerReferences"]!.AsArray();
                foreach (var r in references.Where(r => r?["uid"]?.GetValue<string>() == uid).ToList())
                {
                    references.Remove(r);
                }
            }

            return;
        }

        foreach (var pod in _jobPods.Values.Where(p => p.Namespace == ns && p.Job == job).ToList())
        {
            KillJobPodLocked(ns, pod.Name);
            Drop(("pods", ns, pod.Name));
        }

        foreach (var key in dependents)
        {
            if (key.Resource == "pods")
            {
                KillJobPodLocked(ns, key.Name);
            }

            Drop(key);
        }
    }

    private void KillJobPodLocked(string ns, string name)
    {
        if (_jobPods.Remove((ns, name), out var pod))
        {
            FakeJobKubelet.Kill(pod);
        }
    }

    private async Task ProxyAsync(HttpContext context, ApiPath path)
    {
        var target = path.Name ?? "";
        var colon = target.LastIndexOf(':');
        var podName = colon < 0 ? target : target[..colon];
        var port = colon < 0 ? 0 : int.Parse(target[(colon + 1)..], CultureInfo.InvariantCulture);
        FakeJobPod? pod;
        lock (_gate)
        {
            _jobPods.TryGetValue((path.Namespace ?? "", podName), out pod);
        }

        if (pod is null)
        {
            await WriteStatusAsync(context, 404, "NotFound", $"pods \"{podName}\" not found");
            return;
        }

        var raw = context.Request.Path.Value ?? "";
        var rest = raw[(raw.IndexOf("/proxy", StringComparison.Ordinal) + "/proxy".Length)..];
        if (port != pod.ContainerPort || pod.Process is null || pod.ExitCode is not null)
        {
            await WriteStatusAsync(context, 503, "ServiceUnavailable", $"error trying to reach service: dial tcp 127.0.0.1:{port}: connect: connection refused");
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), $"http://127.0.0.1:{pod.Port.ToString(CultureInfo.InvariantCulture)}{(rest.Length == 0 ? "/" : rest)}{context.Request.QueryString}");
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.Length > 0 || context.Request.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new ByteArrayContent(body.ToArray());
            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            // The API server takes the caller's credentials for itself and never passes them on.
            if (name is not ("Authorization" or "Host" or "Content-Type" or "Content-Length" or "Transfer-Encoding"))
            {
                request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        try
        {
            using var response = await ProxyClient.SendAsync(request, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            if (response.Content.Headers.ContentType is { } contentType)
            {
                context.Response.ContentType = contentType.ToString();
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            await WriteStatusAsync(context, 503, "ServiceUnavailable", $"error trying to reach service: {e.Message}");
        }
    }
}
