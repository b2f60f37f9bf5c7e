namespace Harness.Platform.Contracts;

/// <summary>
/// The histogram buckets OpenFaaS's metrics use: the Go client's <c>prometheus.DefBuckets</c>. prometheus-net's own
/// default has three more (0.075, 0.75, 7.5), so a dashboard or a <c>histogram_quantile</c> written for OpenFaaS would
/// see other <c>le</c> values; the gateway and the watchdog (which links this file) both take these.
/// </summary>
internal static class PrometheusBuckets
{
    /// <summary>.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10 seconds.</summary>
    public static IReadOnlyList<double> GoDefault { get; } = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
}
