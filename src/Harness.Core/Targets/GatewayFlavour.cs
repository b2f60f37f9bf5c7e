using Harness.Platform.Client;
using Harness.Results;

namespace Harness.Targets;

/// <summary>What <c>/system/info</c> says a gateway is, and so what it allows: Harness's own (artifact store, scale to zero),
/// OpenFaaS Pro (scale to zero), OpenFaaS CE (scale requests below 1 are clamped to 1 by gateway/scaling/ranges.go).</summary>
internal static class GatewayFlavour
{
    public const string Harness = "harness";
    public const string OpenFaasCe = "openfaas-ce";
    public const string OpenFaasPro = "openfaas-pro";
    public const string OpenFaas = "openfaas";

    public static string Classify(GatewayInfo info)
    {
        var provider = info.Provider?.Name ?? "";
        if (provider.StartsWith("harness-", StringComparison.Ordinal))
        {
            return Harness;
        }

        var release = info.Version?.Release ?? "";
        if (provider.Contains("pro", StringComparison.OrdinalIgnoreCase) || release.Contains("pro", StringComparison.OrdinalIgnoreCase))
        {
            return OpenFaasPro;
        }

        // The CE providers call themselves faas-netes (faas-netes-ce in some releases) and faasd.
        return provider is "faas-netes" or "faas-netes-ce" or "faasd" or "faasd-ce" ? OpenFaasCe : OpenFaas;
    }

    /// <summary>The target's info with what the gateway reported added (flavour, versions, limits).</summary>
    public static TargetInfo Describe(TargetInfo declared, GatewayInfo info)
    {
        var flavour = Classify(info);
        var provider = info.Provider;
        var described = declared with
        {
            Flavour = flavour,
            GatewayVersion = Version(info.Version),
            ReportedProvider = provider?.Name,
            Orchestration = provider?.Orchestration,
            ProviderVersion = Version(provider?.Version),
            Arch = info.Arch,
        };
        return described with { Limits = TargetLimits.For(described) };
    }

    /// <summary>Entries for results' <c>environment.versions</c>: what the target runs, beside the harness's own tools.</summary>
    public static IReadOnlyDictionary<string, string> Versions(TargetInfo target)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (target.GatewayVersion is { } g)
        {
            versions["target gateway"] = g;
        }

        if (target.ReportedProvider is { } p)
        {
            versions["target provider"] = $"{p}{(target.ProviderVersion is { } v ? " " + v : "")}{(target.Orchestration is { } o ? $" ({o})" : "")}";
        }

        return versions;
    }

    private static string? Version(Platform.Contracts.VersionInfo? v)
    {
        if (v is null || (string.IsNullOrEmpty(v.Release) && string.IsNullOrEmpty(v.Sha)))
        {
            return null;
        }

        var sha = string.IsNullOrEmpty(v.Sha) ? "" : $" (sha {v.Sha[..Math.Min(12, v.Sha.Length)]})";
        return (string.IsNullOrEmpty(v.Release) ? "unknown release" : v.Release) + sha;
    }
}
