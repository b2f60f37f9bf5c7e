namespace Harness.Platform.Contracts;

/// <summary>
/// Optional next to <see cref="IFunctionProvider"/>: a provider that knows the moment a replica becomes ready lets a
/// held call (scale from zero) wake up then instead of polling <see cref="IFunctionProvider.ResolveAsync"/>.
/// </summary>
public interface IReadinessSignal
{
    /// <summary>
    /// Completes the next time the function's ready replicas may have changed; take it before resolving, so no change
    /// is missed. For an unknown function it may never complete: callers keep a slow poll as a safety net.
    /// </summary>
    Task ReadyChanged(string name, string @namespace);
}
