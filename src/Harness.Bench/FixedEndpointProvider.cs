using System.Runtime.CompilerServices;
using Harness.Platform.Contracts;

namespace Harness.Bench;

/// <summary>
/// A provider with always-ready functions at fixed replicas, so the gateway benchmark measures the gateway's forwarding
/// and nothing of deploys or supervision.
/// </summary>
internal sealed class FixedEndpointProvider(IReadOnlyDictionary<string, FunctionEndpoint> functions) : IFunctionProvider
{
    public FixedEndpointProvider(string name, Uri replica)
        : this(new Dictionary<string, FunctionEndpoint> { [name] = new FunctionEndpoint(name + "-0", replica) })
    {
    }

    public ProviderInfo Info { get; } = new() { Name = "bench-fixed", Orchestration = "none", Version = new VersionInfo() };

    public Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([PlatformDefaults.FunctionNamespace]);

    public Task<IReadOnlyList<FunctionStatus>> ListAsync(string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<FunctionStatus>>(@namespace == PlatformDefaults.FunctionNamespace ? functions.Keys.Select(Status).ToList() : []);

    public Task<FunctionStatus?> GetAsync(string name1, string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult(functions.ContainsKey(name1) && @namespace == PlatformDefaults.FunctionNamespace ? Status(name1) : null);

    public Task<ProviderResult> DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken) =>
        Task.FromResult(ProviderResult.Invalid("the benchmark provider has one fixed function"));

    public Task<ProviderResult> UpdateAsync(FunctionDeployment deployment, CancellationToken cancellationToken) =>
        Task.FromResult(ProviderResult.Invalid("the benchmark provider has one fixed function"));

    public Task<ProviderResult> DeleteAsync(string name1, string @namespace, CancellationToken cancellationToken) =>
        Task.FromResult(ProviderResult.Invalid("the benchmark provider has one fixed function"));

    public Task<ProviderResult> ScaleAsync(string name1, string @namespace, int replicas, CancellationToken cancellationToken) =>
        Task.FromResult(ProviderResult.Invalid("the benchmark provider has one fixed function"));

    public ValueTask<IReadOnlyList<FunctionEndpoint>> ResolveAsync(string name1, string @namespace, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<FunctionEndpoint>>(functions.TryGetValue(name1, out var endpoint) && @namespace == PlatformDefaults.FunctionNamespace ? [endpoint] : []);

    public async IAsyncEnumerable<LogEntry> LogsAsync(LogRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    private static FunctionStatus Status(string name) => new() { Name = name, Image = "bench", Namespace = PlatformDefaults.FunctionNamespace, Replicas = 1, AvailableReplicas = 1 };
}
