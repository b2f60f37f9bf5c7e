namespace Harness.Platform.Contracts;

/// <summary>The one contract every backend implements; the gateway maps the OpenFaaS HTTP surface over it once.</summary>
/// <remarks>
/// The gateway calls every member concurrently from many requests, so implementations are thread-safe. A namespace
/// argument that is null or empty means the provider's default namespace (<see cref="PlatformDefaults.FunctionNamespace"/>
/// unless configured otherwise). Expected failures (missing, conflicting or invalid input) come back as a
/// <see cref="ProviderResult"/>; a backend that cannot be reached throws <see cref="ProviderUnavailableException"/>. Optional abilities are separate interfaces the gateway looks for:
/// <see cref="ISecretProvider"/>, <see cref="INamespaceProvider"/>, <see cref="IArtifactStore"/>, <see cref="IReadinessSignal"/>,
/// <see cref="IFunctionUsageMeter"/>, <see cref="IFunctionLogNotes"/>, <see cref="IApiRequestCounter"/>.
/// </remarks>
public interface IFunctionProvider
{
    /// <summary>The <c>provider</c> block of <c>/system/info</c>; fixed for the provider's lifetime.</summary>
    ProviderInfo Info { get; }

    /// <summary>The namespaces functions may be deployed to (<c>/system/namespaces</c>), sorted; always at least one.</summary>
    Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken);

    /// <summary>The functions of <paramref name="namespace"/>, sorted by name; empty for a namespace without any.</summary>
    Task<IReadOnlyList<FunctionStatus>> ListAsync(string @namespace, CancellationToken cancellationToken);

    /// <summary>One function's status, without waiting for a usage sample (the gateway calls it on the invocation path); null when the function does not exist.</summary>
    Task<FunctionStatus?> GetAsync(string name, string @namespace, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a function and starts its first replicas; returns once accepted, not once they are ready.
    /// <see cref="ProviderOutcome.Conflict"/> when it exists already, <see cref="ProviderOutcome.Invalid"/> with the
    /// offending field when the deployment is not acceptable.
    /// </summary>
    Task<ProviderResult> DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken);

    /// <summary>Updates an existing function; <see cref="ProviderOutcome.NotFound"/> when it does not exist (faas-cli then POSTs).</summary>
    Task<ProviderResult> UpdateAsync(FunctionDeployment deployment, CancellationToken cancellationToken);

    /// <summary>Removes the function and stops its replicas; <see cref="ProviderOutcome.NotFound"/> when it does not exist.</summary>
    Task<ProviderResult> DeleteAsync(string name, string @namespace, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the desired replica count (0 scales to zero); returns without waiting for the replicas.
    /// <see cref="ProviderOutcome.NotFound"/> when the function does not exist, <see cref="ProviderOutcome.Invalid"/> for a negative count.
    /// </summary>
    Task<ProviderResult> ScaleAsync(string name, string @namespace, int replicas, CancellationToken cancellationToken);

    /// <summary>The replicas that are ready now; empty when none is.</summary>
    ValueTask<IReadOnlyList<FunctionEndpoint>> ResolveAsync(string name, string @namespace, CancellationToken cancellationToken);

    /// <summary>
    /// The function's log lines as <paramref name="request"/> selects them, oldest first; empty for an unknown function.
    /// With <see cref="LogRequest.Follow"/> the sequence ends only when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<LogEntry> LogsAsync(LogRequest request, CancellationToken cancellationToken);
}
