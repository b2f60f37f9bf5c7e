namespace Harness.Platform.Contracts;

/// <summary>The one contract every backend implements; the gateway maps the OpenFaaS HTTP surface over it once.</summary>
public interface IFunctionProvider
{
    ProviderInfo Info { get; }

    Task<IReadOnlyList<string>> ListNamespacesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<FunctionStatus>> ListAsync(string @namespace, CancellationToken cancellationToken);

    /// <summary>Returns null when the function does not exist.</summary>
    Task<FunctionStatus?> GetAsync(string name, string @namespace, CancellationToken cancellationToken);

    Task<ProviderResult> DeployAsync(FunctionDeployment deployment, CancellationToken cancellationToken);

    /// <summary>Updates an existing function; <see cref="ProviderOutcome.NotFound"/> when it does not exist (faas-cli then POSTs).</summary>
    Task<ProviderResult> UpdateAsync(FunctionDeployment deployment, CancellationToken cancellationToken);

    Task<ProviderResult> DeleteAsync(string name, string @namespace, CancellationToken cancellationToken);

    Task<ProviderResult> ScaleAsync(string name, string @namespace, int replicas, CancellationToken cancellationToken);

    /// <summary>The replicas that are ready now; empty when none is.</summary>
    ValueTask<IReadOnlyList<FunctionEndpoint>> ResolveAsync(string name, string @namespace, CancellationToken cancellationToken);

    IAsyncEnumerable<LogEntry> LogsAsync(LogRequest request, CancellationToken cancellationToken);
}
