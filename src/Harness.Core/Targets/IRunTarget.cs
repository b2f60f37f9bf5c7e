using Harness.Results;

namespace Harness.Targets;

/// <summary>What scenarios run against: a gateway (embedded or remote) or nothing but plain URLs.</summary>
internal interface IRunTarget : IAsyncDisposable
{
    TargetInfo Info { get; }

    /// <summary>The gateway's base URL, or null for a URL-only run.</summary>
    Uri? Gateway { get; }

    /// <summary>The gateway's REST API; null without a gateway.</summary>
    Platform.Client.OpenFaasClient? Client { get; }

    /// <summary>Direct URLs of a function's ready replicas (the watchdogs), when the target can reach them; empty otherwise.</summary>
    Task<IReadOnlyList<Uri>> DirectEndpointsAsync(string function, CancellationToken cancellationToken);

    /// <summary>Verify TLS certificates when calling the target.</summary>
    bool VerifyTls { get; }

    /// <summary>Scales a function to zero beside the gateway (a kubeconfig on faas-netes), when the target gives one.</summary>
    Platform.Contracts.IReplicaScaler? ReplicaScaler => null;
}
