using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Harness.Platform.Contracts;

namespace Harness.Platform.Tests.Gateway;

/// <summary>
/// An in-memory provider for gateway tests: functions are records, replicas are whatever endpoints a test points them at
/// (real loopback servers), and a scale from zero becomes ready after <see cref="ReadyDelay"/>.
/// </summary>
internal sealed class TestProvider : IFunctionProvider, ISecretProvider, IArtifactStore, IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string, string), Fn> _functions = new();
    private readonly ConcurrentDictionary<(string, string), SecretSpec> _secrets = new();
    private readonly ConcurrentQueue<(string Name, string Namespace, int Replicas)> _scaleCalls = new();
    private readonly List<ArtifactInfo> _artifacts = [];

    public ProviderInfo Info { get; } = new() { Name = "test", Orchestration = "none", Version = new VersionInfo { Release = "1", Sha = "abc" } };

    public TimeSpan ReadyDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public IReadOnlyCollection<(string Name, string Namespace, int Replicas)> ScaleCalls => _scaleCalls.ToArray();

    public List<LogEntry> Logs { get; } = [];

    public bool Disposed { get; private set; }

    /// <summary>Deploys directly (not over HTTP) with the given replica endpoints.</summary>
    public void Add(string name, IReadOnlyList<Uri> endpoints, int replicas = -1, string ns = PlatformDefaults.FunctionNamespace,
        IReadOnlyDictionary<string, string>? labels = null, bool ready = true, string? unixSocket = null)
    {
        _functions[(name, ns)] = new Fn(new FunctionDeployment { Service = name, Image = name + ":latest", Namespace = ns, Labels = labels })
        {
            Endpoints = endpoints,
            Replicas = replicas < 0 ? endpoints.Count : replicas,
            ReadyAt = ready ? DateTimeOffset.MinValue : DateTimeOffset.MaxValue,
            UnixSocket = unixSocket,
        };
    }

    public Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(_functions.Keys.Select(k => k.Item2).Append(PlatformDefaults.FunctionNamespace).Distinct().ToList());

    public Task<IReadOnlyList<FunctionStatus>> ListAsync(string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FunctionStatus>>(_functions.Where(f => f.Key.Item2 == @namespace).Select(f => Status(f.Value)).ToList());

    public Task<FunctionStatus?> GetAsync(string name, string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult(_functions.TryGetValue((name, @namespace), out var fn) ? Status(fn) : null);

    public Task<ProviderResult> DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        var key = (deployment.Service, deployment.Namespace ?? PlatformDefaults.FunctionNamespace);
        var existing = _functions.TryGetValue(key, out var old) ? old : null;
        _functions[key] = new Fn(deployment) { Endpoints = existing?.Endpoints ?? [], Replicas = 1 };
        return Task.FromResult(ProviderResult.Ok);
    }

    public Task<ProviderResult> UpdateAsync(FunctionDeployment deployment, CancellationToken cancellationToken)
    {
        var key = (deployment.Service, deployment.Namespace ?? PlatformDefaults.FunctionNamespace);
        if (!_functions.TryGetValue(key, out var old))
        {
            return Task.FromResult(ProviderResult.NotFound($"function {deployment.Service} not found"));
        }

        _functions[key] = new Fn(deployment) { Endpoints = old.Endpoints, Replicas = old.Replicas };
        return Task.FromResult(ProviderResult.Ok);
    }

    public Task<ProviderResult> DeleteAsync(string name, string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult(_functions.TryRemove((name, @namespace), out _) ? ProviderResult.Ok : ProviderResult.NotFound($"function {name} not found"));

    public Task<ProviderResult> ScaleAsync(string name, string @namespace, int replicas, CancellationToken cancellationToken)
    {
        _scaleCalls.Enqueue((name, @namespace, replicas));
        if (!_functions.TryGetValue((name, @namespace), out var fn))
        {
            return Task.FromResult(ProviderResult.NotFound($"function {name} not found"));
        }

        if (fn.Replicas == 0 && replicas > 0)
        {
            fn.ReadyAt = DateTimeOffset.UtcNow + ReadyDelay;
        }

        fn.Replicas = replicas;
        return Task.FromResult(ProviderResult.Ok);
    }

    public ValueTask<IReadOnlyList<FunctionEndpoint>> ResolveAsync(string name, string @namespace, CancellationToken cancellationToken)
    {
        if (!_functions.TryGetValue((name, @namespace), out var fn) || fn.Replicas == 0 || DateTimeOffset.UtcNow < fn.ReadyAt)
        {
            return ValueTask.FromResult<IReadOnlyList<FunctionEndpoint>>([]);
        }

        return ValueTask.FromResult<IReadOnlyList<FunctionEndpoint>>(
            fn.Endpoints.Take(fn.Replicas).Select((u, i) => new FunctionEndpoint($"{name}-{i}", u) { UnixSocket = fn.UnixSocket }).ToList());
    }

    public async IAsyncEnumerable<LogEntry> LogsAsync(LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var entry in Logs.Where(l => l.Name == request.Name).TakeLast(request.Tail ?? int.MaxValue))
        {
            await Task.Yield();
            yield return entry;
        }
    }

    public Task<IReadOnlyList<SecretSpec>> ListSecretsAsync(string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SecretSpec>>(_secrets.Values.Where(s => s.Namespace == @namespace).ToList());

    public Task<ProviderResult> CreateSecretAsync(SecretSpec secret, CancellationToken cancellationToken) =>
        Task.FromResult(_secrets.TryAdd((secret.Name, secret.Namespace!), secret) ? ProviderResult.Ok : ProviderResult.Conflict($"secret {secret.Name} exists"));

    public Task<ProviderResult> UpdateSecretAsync(SecretSpec secret, CancellationToken cancellationToken)
    {
        if (!_secrets.ContainsKey((secret.Name, secret.Namespace!)))
        {
            return Task.FromResult(ProviderResult.NotFound($"secret {secret.Name} not found"));
        }

        _secrets[(secret.Name, secret.Namespace!)] = secret;
        return Task.FromResult(ProviderResult.Ok);
    }

    public Task<ProviderResult> DeleteSecretAsync(string name, string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult(_secrets.TryRemove((name, @namespace), out _) ? ProviderResult.Ok : ProviderResult.NotFound($"secret {name} not found"));

    public SecretSpec? Secret(string name) => _secrets.TryGetValue((name, PlatformDefaults.FunctionNamespace), out var s) ? s : null;

    public async Task<ProviderResult> PutAsync(string image, Stream gzippedTar, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await gzippedTar.CopyToAsync(buffer, cancellationToken);
        lock (_artifacts)
        {
            _artifacts.Add(new ArtifactInfo { Image = image, Digest = "sha256:test", SizeBytes = buffer.Length, CreatedAt = DateTimeOffset.UtcNow });
        }

        return ProviderResult.Ok;
    }

    public Task<IReadOnlyList<ArtifactInfo>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_artifacts)
        {
            return Task.FromResult<IReadOnlyList<ArtifactInfo>>(_artifacts.ToList());
        }
    }

    public ValueTask DisposeAsync()
    {
        Disposed = true;
        return ValueTask.CompletedTask;
    }

    private static FunctionStatus Status(Fn fn) => new()
    {
        Name = fn.Deployment.Service,
        Image = fn.Deployment.Image,
        Namespace = fn.Deployment.Namespace,
        Labels = fn.Deployment.Labels,
        EnvVars = fn.Deployment.EnvVars,
        Limits = fn.Deployment.Limits,
        Requests = fn.Deployment.Requests,
        Replicas = fn.Replicas,
        AvailableReplicas = fn.Replicas == 0 || DateTimeOffset.UtcNow < fn.ReadyAt ? 0 : Math.Min(fn.Replicas, fn.Endpoints.Count),
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private sealed class Fn(FunctionDeployment deployment)
    {
        public FunctionDeployment Deployment { get; } = deployment;
        public IReadOnlyList<Uri> Endpoints { get; set; } = [];
        public int Replicas { get; set; }
        public DateTimeOffset ReadyAt { get; set; } = DateTimeOffset.MinValue;

        public string? UnixSocket { get; set; }
    }
}
