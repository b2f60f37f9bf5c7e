namespace Harness.Platform.Contracts;

/// <summary>
/// Scales a function's workload to zero beside the gateway (e.g. its Deployment through the Kubernetes API), for gateways
/// that refuse to scale below one replica (OpenFaaS CE). The gateway's scale-from-zero then serves the next call.
/// </summary>
public interface IReplicaScaler : IDisposable
{
    /// <summary>Where the scaling goes, for results ("Kubernetes API https://…, namespace openfaas-fn").</summary>
    string Description { get; }

    /// <summary>Sets the function's replicas to 0 and returns once none of its pods is left.</summary>
    /// <exception cref="TimeoutException">Pods were still there after <paramref name="timeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The function's workload does not exist or the API refused (message says which).</exception>
    Task ScaleToZeroAsync(string function, TimeSpan timeout, CancellationToken cancellationToken);
}
