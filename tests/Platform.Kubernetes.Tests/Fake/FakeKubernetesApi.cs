using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>
/// An in-process stand-in for the Kubernetes API on loopback, implementing only the routes the provider and
/// <c>harness k8s apply</c> call: create, get, replace, patch (server-side apply and merge patch), list and delete,
/// with resourceVersion, 404 and 409, the Deployment scale subresource, pod logs, and a simulated controller that
/// sets <c>status.availableReplicas</c>, pods and EndpointSlices from <c>spec.replicas</c>.
/// Where the real server's semantics bit the provider it has them too: field ownership per (manager, operation) with
/// apply removing only what its manager owned alone (<see cref="FieldOwnership"/>), the object validation with 422
/// bodies (<see cref="FakeValidation"/>), an immutable Secret type, foreground deletion that leaves the Deployment
/// terminating (deletionTimestamp, finalizer) for <see cref="DeletionLinger"/>, and watch streams from a resourceVersion.
/// </summary>
internal sealed partial class FakeKubernetesApi : IAsyncDisposable
{
    private static readonly Dictionary<string, string> Kinds = new(StringComparer.Ordinal)
    {
        ["deployments"] = "Deployment", ["services"] = "Service", ["secrets"] = "Secret", ["endpointslices"] = "EndpointSlice",
        ["pods"] = "Pod", ["namespaces"] = "Namespace", ["serviceaccounts"] = "ServiceAccount", ["roles"] = "Role", ["rolebindings"] = "RoleBinding", ["jobs"] = "Job",
    };

    private readonly WebApplication _app;
    private readonly Dictionary<(string Resource, string Ns, string Name), JsonObject> _objects = [];
    private readonly List<FakeRequest> _requests = [];
    private readonly Dictionary<(string Resource, string Ns, string Name), FieldOwnership> _ownership = [];
    private readonly List<(long Version, string Resource, string Ns, string Type, JsonObject Object)> _events = [];
    private readonly List<FakeWatch> _watches = [];
    private readonly Lock _gate = new();
    private long _resourceVersion = 100;
    private FakeKubelet? _kubelet;

    private FakeKubernetesApi(WebApplication app, string directory)
    {
        _app = app;
        Directory = directory;
    }

    public Uri Url { get; private set; } = null!;

    public string Directory { get; }

    public string KubeconfigPath => Path.Combine(Directory, "kubeconfig");

    /// <summary>When false, the simulated controller leaves functions unready (no available replicas, no ready endpoints).</summary>
    public bool BecomeReady { get; set; } = true;

    /// <summary>
    /// When set, pods are real watchdog processes started by this kubelet (see <see cref="FakeKubelet"/>) instead of
    /// instant make-believe ones: readiness, EndpointSlices (one per pod, on its own loopback port) and availableReplicas follow them.
    /// </summary>
    public FakeKubelet? Kubelet
    {
        get => _kubelet;
        set
        {
            _kubelet = value;
            if (value is not null)
            {
                value.Changed = Refresh;
            }
        }
    }

    /// <summary>How long a Deployment deleted in the foreground stays (terminating) while the garbage collector removes its pods.</summary>
    public TimeSpan DeletionLinger { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>When true, every API call answers 503 as an overloaded or restarting API server does.</summary>
    public bool Down { get; set; }

    /// <summary>When set, the next write to this resource is refused with this 422 message, as an admission webhook would.</summary>
    public (string Resource, string Message)? RejectNext { get; set; }

    /// <summary>Lines each pod "printed", keyed by function name, served by the pod log route.</summary>
    public Dictionary<string, List<string>> FunctionLogs { get; } = [];

    public IReadOnlyList<FakeRequest> Requests
    {
        get { lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "harness-k8s-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(directory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeKubernetesApi(app, directory);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.Url = new Uri(address);
        await File.WriteAllTextAsync(api.KubeconfigPath, Kubeconfig(api.Url));
        return api;
    }

    public JsonObject? Get(string resource, string ns, string name)
    {
        lock (_gate)
        {
            return _objects.TryGetValue((resource, ns, name), out var o) ? (JsonObject)o.DeepClone() : null;
        }
    }

    /// <summary>Marks a function's endpoints ready or not, as a failing readiness probe would.</summary>
    public void SetReady(string ns, string function, bool ready)
    {
        lock (_gate)
        {
            BecomeReady = ready;
            if (_objects.TryGetValue(("deployments", ns, function), out var d))
            {
                Reconcile(ns, d);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var watch in _watches)
            {
                watch.Close();
            }
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        DisposeJobTimers();
        _kubelet?.Dispose();
        _jobKubelet?.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }

    private static string Kubeconfig(Uri url) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: {url.ToString().TrimEnd('/')}
        users:
        - name: fake
          user:
            token: fake-token
        contexts:
        - name: fake
          context:
            cluster: fake
            user: fake
            namespace: openfaas-fn
        current-context: fake
        """;

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var query = request.Query;
        lock (_gate)
        {
            _requests.Add(new FakeRequest(request.Method, request.Path.Value ?? "", request.ContentType, query["fieldManager"].FirstOrDefault(), query["force"].FirstOrDefault()));
        }
        // Discovery is public, as on a real server (kubectl does not send a bearer token over plain http).
        if (request.Method == "GET" && FakeDiscovery.For(request.Path.Value ?? "") is { } discovery)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(discovery.ToJsonString());
            return;
        }

        if (request.Headers.Authorization.ToString() != "Bearer fake-token")
        {
            await WriteStatusAsync(context, 401, "Unauthorized", "no or wrong bearer token");
            return;
        }

        if (Down)
        {
            await WriteStatusAsync(context, 503, "ServiceUnavailable", "the server is currently unable to handle the request");
            return;
        }

        var path = ApiPath.Parse(request.Path.Value ?? "");
        if (path is { Resource: "pods", Subresource: "proxy" })
        {
            await ProxyAsync(context, path);
            return;
        }

        if (path is null || !Kinds.ContainsKey(path.Resource))
        {
            await WriteStatusAsync(context, 404, "NotFound", $"the server could not find the requested resource ({request.Path})");
            return;
        }

        if (request.Method == "GET" && path.Name is null && query["watch"].FirstOrDefault() is "true" or "1")
        {
            await WatchAsync(context, path, query);
            return;
        }

        var body = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0 ? await new StreamReader(request.Body).ReadToEndAsync() : "";
        var (status, payload, text) = Dispatch(request.Method, path, query, request.ContentType ?? "", body);
        if (status is 200 or 201 && request.Method == "DELETE" && path.Resource == "deployments" && query["propagationPolicy"].FirstOrDefault() == "Foreground")
        {
            FinishDeletionLater(path.Namespace ?? "", path.Name!);
        }
        context.Response.StatusCode = status;
        if (text is not null)
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync(text);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(payload!.ToJsonString());
    }

    private (int Status, JsonNode? Json, string? Text) Dispatch(string method, ApiPath path, IQueryCollection query, string contentType, string body)
    {
        lock (_gate)
        {
            var ns = path.Namespace ?? "";
            var manager = query["fieldManager"].FirstOrDefault() is { Length: > 0 } m ? m : "unknown";
            if (method is "POST" or "PUT" or "PATCH" && RejectNext is { } reject && reject.Resource == path.Resource)
            {
                RejectNext = null;
                return (422, Status(422, "Invalid", reject.Message), null);
            }

            if (path.Name is null)
            {
                return method switch
                {
                    "GET" => (200, List(path, ns, query["labelSelector"].FirstOrDefault()), null),
                    "POST" => Create(path, ns, body, manager),
                    _ => (405, Status(405, "MethodNotAllowed", method), null),
                };
            }

            var key = (path.Resource, ns, path.Name);
            if (path.Subresource == "log" && path.Resource == "pods")
            {
                return PodLog(key, query);
            }

            if (path.Subresource == "scale" && path.Resource == "deployments")
            {
                return Scale(method, key, body, manager);
            }

            if (path.Subresource is not null)
            {
                return (404, Status(404, "NotFound", $"subresource {path.Subresource}"), null);
            }

            var exists = _objects.TryGetValue(key, out var current);
            switch (method)
            {
                case "GET":
                    return exists ? (200, current!.DeepClone(), null) : NotFound(path);
                case "DELETE":
                    if (!exists)
                    {
                        return NotFound(path);
                    }

                    if (path.Resource == "deployments")
                    {
                        _kubelet?.Sync(ns, path.Name, 0, null);
                        RemoveWorkload(ns, path.Name);
                    }

                    if (path.Resource == "jobs")
                    {
                        DeleteJobLocked(ns, path.Name, query["propagationPolicy"].FirstOrDefault());
                    }

                    if (path.Resource == "pods")
                    {
                        KillJobPodLocked(ns, path.Name);
                    }

                    if (path.Resource == "deployments" && query["propagationPolicy"].FirstOrDefault() == "Foreground")
                    {
                        // The garbage collector deletes the dependents first; until then the object is terminating.
                        var metadata = current!["metadata"]!.AsObject();
                        metadata["deletionTimestamp"] ??= "2026-01-02T03:04:06Z";
                        metadata["finalizers"] = new JsonArray("foregroundDeletion");
                        metadata["resourceVersion"] = NextVersion();
                        Emit("MODIFIED", key, current);
                        return (200, current.DeepClone(), null);
                    }

                    Drop(key);

                    // As the real API: a deleted Service comes back as the object, the other kinds here as a Status.
                    return (200, path.Resource == "services" ? current : Status(200, "Success", "deleted"), null);
                case "PUT":
                    if (!exists)
                    {
                        return NotFound(path);
                    }

                    var replacement = JsonNode.Parse(body)!.AsObject();
                    var sentVersion = replacement["metadata"]?["resourceVersion"]?.GetValue<string>();
                    if (sentVersion is not null && sentVersion != current!["metadata"]!["resourceVersion"]!.GetValue<string>())
                    {
                        return (409, Status(409, "Conflict", $"Operation cannot be fulfilled on {path.Resource} \"{path.Name}\": the object has been modified; please apply your changes to the latest version and try again"), null);
                    }

                    if (Invalid(path, replacement, current) is { } refused)
                    {
                        return refused;
                    }

                    Owners(key).Update(manager, current, replacement);
                    return (200, Store(path, ns, replacement, current), null);
                case "PATCH":
                    return Patch(path, ns, key, current, contentType, body, query, manager);
                default:
                    return (405, Status(405, "MethodNotAllowed", method), null);
            }
        }
    }

    private (int, JsonNode?, string?) Create(ApiPath path, string ns, string body, string manager)
    {
        var obj = JsonNode.Parse(body)!.AsObject();
        var name = obj["metadata"]?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            return (422, Status(422, "Invalid", "metadata.name: Required value"), null);
        }

        if (_objects.ContainsKey((path.Resource, ns, name)))
        {
            return (409, Status(409, "AlreadyExists", $"{path.Resource}.{Group(path)} \"{name}\" already exists"), null);
        }

        Default(path.Resource, obj);
        if ((Invalid(path, obj, null) ?? InvalidOwnerReferences(obj)) is { } refused)
        {
            return refused;
        }

        var owners = new FieldOwnership();
        owners.Update(manager, null, obj);
        _ownership[(path.Resource, ns, name)] = owners;
        var stored = Store(path with { Name = name }, ns, obj, null);
        if (path.Resource == "jobs")
        {
            StartJobLocked(ns, _objects[(path.Resource, ns, name)]);
        }

        return (201, stored, null);
    }

    private (int, JsonNode?, string?) Patch(ApiPath path, string ns, (string, string, string) key, JsonObject? current, string contentType, string body, IQueryCollection query, string manager)
    {
        if (contentType.StartsWith("application/apply-patch+yaml", StringComparison.Ordinal))
        {
            // Server-side apply requires a field manager; the real API answers 400 without one.
            if (string.IsNullOrEmpty(query["fieldManager"].FirstOrDefault()))
            {
                return (400, Status(400, "BadRequest", "PATCH with apply requires fieldManager"), null);
            }

            var applied = JsonNode.Parse(body)!.AsObject();
            if (applied["metadata"]?["name"]?.GetValue<string>() != path.Name)
            {
                return (400, Status(400, "BadRequest", "name in body does not match the URL"), null);
            }

            var owners = current is null ? new FieldOwnership() : Owners(key).Clone();
            var result = owners.Apply(manager, current, applied);
            result["apiVersion"] = applied["apiVersion"]?.DeepClone();
            result["kind"] = applied["kind"]?.DeepClone();
            Default(path.Resource, result);
            if (Invalid(path, result, current) is { } refused)
            {
                return refused;
            }

            _ownership[key] = owners;
            return (current is null ? 201 : 200, Store(path, ns, result, current), null);
        }

        if (contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal))
        {
            if (current is null)
            {
                return NotFound(path);
            }

            var merged = (JsonObject)current.DeepClone();
            MergePatch(merged, JsonNode.Parse(body)!.AsObject());
            if (Invalid(path, merged, current) is { } refused)
            {
                return refused;
            }

            Owners(key).Update(manager, current, merged);
            var patched = Store(path, ns, merged, current);
            if (path.Resource == "jobs")
            {
                JobPatchedLocked(ns, current, _objects[key]);
            }

            return (200, patched, null);
        }

        return (415, Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format: {contentType}"), null);
    }

    private (int, JsonNode?, string?) Scale(string method, (string Resource, string Ns, string Name) key, string body, string manager)
    {
        if (!_objects.TryGetValue(key, out var deployment))
        {
            return (404, Status(404, "NotFound", $"deployments.apps \"{key.Name}\" not found"), null);
        }

        if (method == "PATCH")
        {
            var before = (JsonObject)deployment.DeepClone();
            var patch = JsonNode.Parse(body)!.AsObject();
            var replicas = patch["spec"]?["replicas"]?.GetValue<int>() ?? 0;
            deployment["spec"]!["replicas"] = replicas;
            // The scale subresource's manager owns spec.replicas from now on (operation Update).
            Owners(key).Update(manager, before, deployment);
            deployment["metadata"]!["resourceVersion"] = NextVersion();
            Reconcile(key.Ns, deployment);
            WriteManagedFields(key, deployment);
            Emit("MODIFIED", key, deployment);
        }
        else if (method != "GET")
        {
            return (405, Status(405, "MethodNotAllowed", method), null);
        }

        var scale = new JsonObject
        {
            ["apiVersion"] = "autoscaling/v1",
            ["kind"] = "Scale",
            ["metadata"] = new JsonObject { ["name"] = key.Name, ["namespace"] = key.Ns, ["resourceVersion"] = deployment["metadata"]!["resourceVersion"]!.DeepClone() },
            ["spec"] = new JsonObject { ["replicas"] = deployment["spec"]!["replicas"]!.DeepClone() },
            ["status"] = new JsonObject { ["replicas"] = deployment["status"]?["replicas"]?.DeepClone() ?? 0 },
        };
        return (200, scale, null);
    }

    private (int, JsonNode?, string?) PodLog((string Resource, string Ns, string Name) key, IQueryCollection query)
    {
        if (!_objects.TryGetValue(key, out var pod))
        {
            return (404, Status(404, "NotFound", $"pods \"{key.Name}\" not found"), null);
        }

        var function = pod["metadata"]!["labels"]!["faas_function"]!.GetValue<string>();
        var lines = _kubelet?.Logs(key.Name).ToList() ?? (FunctionLogs.TryGetValue(function, out var l) ? l : []);
        if (int.TryParse(query["tailLines"].FirstOrDefault(), CultureInfo.InvariantCulture, out var tail))
        {
            lines = lines.TakeLast(tail).ToList();
        }

        var stamped = query["timestamps"].FirstOrDefault() == "true";
        var text = new StringBuilder();
        var t = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        foreach (var line in lines)
        {
            if (stamped)
            {
                text.Append(t.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)).Append(' ');
            }

            text.Append(key.Name).Append(": ").Append(line).Append('\n');
            t = t.AddSeconds(1);
        }

        return (200, null, text.ToString());
    }

    private JsonObject Store(ApiPath path, string ns, JsonObject obj, JsonObject? previous)
    {
        var metadata = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = metadata;
        metadata["resourceVersion"] = NextVersion();
        metadata["uid"] = previous?["metadata"]?["uid"]?.DeepClone() ?? Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = previous?["metadata"]?["creationTimestamp"]?.DeepClone() ?? "2026-01-02T03:04:05Z";
        if (path.Namespace is not null)
        {
            metadata["namespace"] = ns;
        }

        obj["kind"] = Kinds[path.Resource];
        obj["apiVersion"] = path.GroupVersion;
        if (previous?["status"] is { } status && obj["status"] is null)
        {
            obj["status"] = status.DeepClone();
        }

        if (previous?["metadata"]?["deletionTimestamp"] is { } terminating)
        {
            metadata["deletionTimestamp"] = terminating.DeepClone();
            metadata["finalizers"] = previous["metadata"]!["finalizers"]?.DeepClone();
        }

        var key = (path.Resource, ns, path.Name!);
        WriteManagedFields(key, obj);
        _objects[key] = obj;
        if (path.Resource == "deployments")
        {
            Reconcile(ns, obj);
        }

        Emit(previous is null ? "ADDED" : "MODIFIED", key, obj);
        return (JsonObject)obj.DeepClone();
    }

    /// <summary>What the Deployment controller, the scheduler and the EndpointSlice controller would do, at once.</summary>
    private void Reconcile(string ns, JsonObject deployment)
    {
        var name = deployment["metadata"]!["name"]!.GetValue<string>();
        // The Deployment controller's bookkeeping, on the Deployment itself (never on the pod template).
        var annotations = deployment["metadata"]!["annotations"] as JsonObject ?? new JsonObject();
        deployment["metadata"]!["annotations"] = annotations;
        annotations["deployment.kubernetes.io/revision"] = "1";
        var replicas = deployment["spec"]?["replicas"]?.GetValue<int>() ?? 1;
        if (_kubelet is { } kubelet)
        {
            kubelet.Sync(ns, name, replicas, deployment["spec"]?["template"]?.AsObject());
            PublishLocked(ns, name);
            return;
        }

        var ready = BecomeReady ? replicas : 0;
        var status = new JsonObject { ["observedGeneration"] = 1, ["replicas"] = replicas, ["updatedReplicas"] = replicas };
        // Like the real API: zero counts are omitted rather than written as 0.
        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }

        deployment["status"] = status;
        RemoveWorkload(ns, name);
        var endpoints = new JsonArray();
        var podLabels = deployment["spec"]?["template"]?["metadata"]?["labels"]?.DeepClone() ?? new JsonObject { ["faas_function"] = name };
        for (var i = 0; i < replicas; i++)
        {
            var pod = $"{name}-{i}";
            var ip = $"10.42.0.{i + 10}";
            Put(("pods", ns, pod), new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = pod, ["namespace"] = ns, ["labels"] = podLabels.DeepClone(), ["resourceVersion"] = NextVersion() },
                ["status"] = new JsonObject { ["phase"] = "Running", ["podIP"] = ip },
            });
            endpoints.Add(new JsonObject
            {
                ["addresses"] = new JsonArray(ip),
                ["conditions"] = new JsonObject { ["ready"] = BecomeReady },
                ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["name"] = pod, ["namespace"] = ns },
            });
        }

        Put(("endpointslices", ns, $"{name}-abcde"), new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{name}-abcde",
                ["namespace"] = ns,
                ["labels"] = new JsonObject { ["kubernetes.io/service-name"] = name },
                ["resourceVersion"] = NextVersion(),
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = endpoints,
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 8080, ["protocol"] = "TCP" }),
        });
    }

    /// <summary>The kubelet saw a pod become ready or go away: publish the function's pods, slices and status again.</summary>
    private void Refresh(string ns, string function)
    {
        lock (_gate)
        {
            PublishLocked(ns, function);
        }
    }

    /// <summary>Pods, one EndpointSlice per pod (each listens on its own loopback port) and the Deployment's status, from the kubelet's pods.</summary>
    private void PublishLocked(string ns, string function)
    {
        RemoveWorkload(ns, function);
        var pods = _kubelet!.Pods(ns, function);
        var ready = pods.Count(p => p.Ready);
        foreach (var pod in pods)
        {
            Put(("pods", ns, pod.Name), new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject { ["name"] = pod.Name, ["namespace"] = ns, ["labels"] = pod.Labels.DeepClone(), ["resourceVersion"] = NextVersion() },
                ["status"] = new JsonObject { ["phase"] = pod.Ready ? "Running" : "Pending", ["podIP"] = "127.0.0.1" },
            });
            Put(("endpointslices", ns, pod.Name), new JsonObject
            {
                ["apiVersion"] = "discovery.k8s.io/v1",
                ["kind"] = "EndpointSlice",
                ["metadata"] = new JsonObject
                {
                    ["name"] = pod.Name,
                    ["namespace"] = ns,
                    ["labels"] = new JsonObject { ["kubernetes.io/service-name"] = function },
                    ["resourceVersion"] = NextVersion(),
                },
                ["addressType"] = "IPv4",
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["addresses"] = new JsonArray("127.0.0.1"),
                    ["conditions"] = new JsonObject { ["ready"] = pod.Ready },
                    ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["name"] = pod.Name, ["namespace"] = ns },
                }),
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = pod.Port, ["protocol"] = "TCP" }),
            });
        }

        if (!_objects.TryGetValue(("deployments", ns, function), out var deployment))
        {
            return;
        }

        var status = new JsonObject { ["observedGeneration"] = 1, ["replicas"] = pods.Count };
        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }

        deployment["status"] = status;
        deployment["metadata"]!["resourceVersion"] = NextVersion();
        Emit("MODIFIED", ("deployments", ns, function), deployment);
    }

    private void RemoveWorkload(string ns, string function)
    {
        foreach (var key in _objects.Keys.Where(k => k.Ns == ns && k.Resource is "pods" or "endpointslices").ToList())
        {
            var labels = _objects[key]["metadata"]?["labels"];
            if (labels?["faas_function"]?.GetValue<string>() == function || labels?["kubernetes.io/service-name"]?.GetValue<string>() == function)
            {
                Drop(key);
            }
        }
    }

    private JsonObject List(ApiPath path, string ns, string? selector)
    {
        var items = new JsonArray();
        foreach (var ((resource, objectNs, _), obj) in _objects.OrderBy(kv => kv.Key.Name, StringComparer.Ordinal))
        {
            if (resource != path.Resource || (path.Namespace is not null && objectNs != ns))
            {
                continue;
            }

            if (!Matches(obj, selector))
            {
                continue;
            }

            items.Add(obj.DeepClone());
        }

        return new JsonObject
        {
            ["apiVersion"] = path.GroupVersion,
            ["kind"] = Kinds[path.Resource] + "List",
            ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture) },
            ["items"] = items,
        };
    }

    private static bool Matches(JsonObject obj, string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return true;
        }

        var labels = obj["metadata"]?["labels"] as JsonObject;
        foreach (var term in selector.Split(','))
        {
            var parts = term.Split('=', 2);
            var value = labels?[parts[0].Trim()]?.GetValue<string>();
            if (value is null)
            {
                return false;
            }

            if (parts.Length == 2 && value != parts[1].Trim())
            {
                return false;
            }
        }

        return true;
    }

    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child && target[key] is JsonObject existing)
            {
                MergePatch(existing, child);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private FieldOwnership Owners((string Resource, string Ns, string Name) key)
    {
        if (!_ownership.TryGetValue(key, out var owners))
        {
            _ownership[key] = owners = new FieldOwnership();
        }

        return owners;
    }

    private void WriteManagedFields((string Resource, string Ns, string Name) key, JsonObject obj)
    {
        var entries = new JsonArray();
        foreach (var (manager, operation) in Owners(key).Entries)
        {
            entries.Add(new JsonObject { ["manager"] = manager, ["operation"] = operation, ["apiVersion"] = obj["apiVersion"]?.DeepClone(), ["fieldsType"] = "FieldsV1", ["time"] = "2026-01-02T03:04:05Z" });
        }

        obj["metadata"]!["managedFields"] = entries;
    }

    /// <summary>The defaults the API fills in that the provider's behaviour depends on.</summary>
    private static void Default(string resource, JsonObject obj)
    {
        if (resource == "deployments" && obj["spec"] is JsonObject spec && spec["replicas"] is null)
        {
            spec["replicas"] = 1;
        }

        if (resource == "secrets" && obj["type"] is null)
        {
            obj["type"] = "Opaque";
        }
    }

    private static (int, JsonNode?, string?)? Invalid(ApiPath path, JsonObject obj, JsonObject? previous)
    {
        var kind = Kinds[path.Resource] + (Group(path) is { Length: > 0 } g ? "." + g : "");
        return FakeValidation.Check(path.Resource, kind, obj, previous) is { } status ? (422, status, null) : null;
    }

    private void Put((string Resource, string Ns, string Name) key, JsonObject obj)
    {
        var added = !_objects.ContainsKey(key);
        _objects[key] = obj;
        Emit(added ? "ADDED" : "MODIFIED", key, obj);
    }

    private void Drop((string Resource, string Ns, string Name) key)
    {
        if (!_objects.Remove(key, out var obj))
        {
            return;
        }

        _ownership.Remove(key);
        obj["metadata"]!["resourceVersion"] = NextVersion();
        Emit("DELETED", key, obj);
    }

    private void FinishDeletionLater(string ns, string name)
    {
        _ = Task.Delay(DeletionLinger).ContinueWith(
            _ =>
            {
                lock (_gate)
                {
                    var key = ("deployments", ns, name);
                    if (_objects.TryGetValue(key, out var d) && d["metadata"]?["deletionTimestamp"] is not null)
                    {
                        Drop(key);
                    }
                }
            },
            TaskScheduler.Default);
    }

    /// <summary>Records a change for watchers (and for watches that start from an older resourceVersion).</summary>
    private void Emit(string type, (string Resource, string Ns, string Name) key, JsonObject obj)
    {
        var version = long.Parse(obj["metadata"]?["resourceVersion"]?.GetValue<string>() ?? NextVersion(), CultureInfo.InvariantCulture);
        var copy = (JsonObject)obj.DeepClone();
        _events.Add((version, key.Resource, key.Ns, type, copy));
        if (_events.Count > 5000)
        {
            _events.RemoveRange(0, 1000);
        }

        foreach (var watch in _watches)
        {
            watch.Offer(version, key.Resource, key.Ns, type, copy);
        }
    }

    private async Task WatchAsync(HttpContext context, ApiPath path, IQueryCollection query)
    {
        var watch = new FakeWatch(path.Resource, path.Namespace, query["labelSelector"].FirstOrDefault(), Matches);
        var from = long.TryParse(query["resourceVersion"].FirstOrDefault(), CultureInfo.InvariantCulture, out var v) ? v : _resourceVersion;
        lock (_gate)
        {
            if (_events.Count > 0 && from < _events[0].Version - 1)
            {
                watch.Gone(from);
            }
            else
            {
                foreach (var e in _events.Where(e => e.Version > from))
                {
                    watch.Offer(e.Version, e.Resource, e.Ns, e.Type, e.Object);
                }
            }

            _watches.Add(watch);
        }

        try
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await foreach (var line in watch.Lines.ReadAllAsync(context.RequestAborted))
            {
                await context.Response.WriteAsync(line + "\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The client closed the watch (or the fake is stopping).
        }
        finally
        {
            lock (_gate)
            {
                _watches.Remove(watch);
            }
        }
    }

    private string NextVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);

    private static string Group(ApiPath path) => path.GroupVersion.Contains('/', StringComparison.Ordinal) ? path.GroupVersion.Split('/')[0] : "";

    private static (int, JsonNode?, string?) NotFound(ApiPath path) =>
        (404, Status(404, "NotFound", $"{path.Resource} \"{path.Name}\" not found"), null);

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Status",
        ["status"] = code < 400 ? "Success" : "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = code,
    };

    private static async Task WriteStatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Status(code, reason, message).ToJsonString());
    }
}
