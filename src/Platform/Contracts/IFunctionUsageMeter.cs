namespace Harness.Platform.Contracts;

/// <summary>
/// An optional ability: measure a function's resource usage now, waiting up to a short sampling window for a CPU rate
/// (<c>usage.cpu</c> in millicores). <c>GET /system/function/{name}</c> uses it unless <c>?usage=false</c>, as in OpenFaaS;
/// <see cref="IFunctionProvider.GetAsync"/> itself never waits, because the gateway calls it on the invocation path.
/// </summary>
public interface IFunctionUsageMeter
{
    /// <summary>Null when the function does not exist.</summary>
    Task<FunctionUsage?> MeasureUsageAsync(string name, string @namespace, CancellationToken cancellationToken);
}
