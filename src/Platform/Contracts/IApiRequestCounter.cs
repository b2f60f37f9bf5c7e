namespace Harness.Platform.Contracts;

/// <summary>
/// Optional next to <see cref="IFunctionProvider"/>: a provider that talks to an orchestrator's API (the Kubernetes API
/// server) counts its requests, which the gateway exports so their rate can be watched (API Priority and Fairness throttles).
/// </summary>
public interface IApiRequestCounter
{
    /// <summary>Requests sent to the orchestrator's API since the provider started (a watch counts once, when opened).</summary>
    long ApiRequests { get; }
}
