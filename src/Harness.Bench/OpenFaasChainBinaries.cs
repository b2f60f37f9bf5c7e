namespace Harness.Bench;

/// <summary>
/// OpenFaaS's own chain, built by the user from source: the CE gateway (openfaas/faas), the bench provider
/// (bench/openfaas-provider, on faas-provider's proxy) and of-watchdog. All three or none.
/// </summary>
internal sealed record OpenFaasChainBinaries(string Gateway, string Provider, string OfWatchdog);
