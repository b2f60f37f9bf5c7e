using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>
/// batch/v1 Jobs for the fake API: the Job controller of an Indexed Job (pods <c>JOB-INDEX-SUFFIX</c> with the
/// completion-index annotation and label and <c>JOB_COMPLETION_INDEX</c> in their env), their pods run by the
/// <see cref="FakeJobKubelet"/>, deletion cascading to the pods with propagation Background or Foreground (none: orphaned,
/// as batch/v1 does), and the pod proxy (<c>/api/v1/namespaces/NS/pods/POD:PORT/proxy/PATH</c>) to a pod's loopback port.
/// </summary>
internal sealed partial class FakeKubernetesApi
{
    private static readonly HttpClient ProxyClient = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Dictionary<(string Ns, string Name), FakeJobPod> _jobPods = [];
    private FakeJobKubelet? _jobKubelet;
    private int _podSequence;

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
        if (_jobKubelet is null)
        {
            return;
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
        }
    }

    private void DeleteJobLocked(string ns, string job, string? propagation)
    {
        if (propagation is not ("Background" or "Foreground"))
        {
            // batch/v1's default for a Job deleted through the API is to orphan its pods.
            return;
        }

        foreach (var pod in _jobPods.Values.Where(p => p.Namespace == ns && p.Job == job).ToList())
        {
            KillJobPodLocked(ns, pod.Name);
            Drop(("pods", ns, pod.Name));
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
