namespace Harness.Bench;

/// <summary>Settings of the gateway benchmark: the reference is wrk -t2 -c32.</summary>
internal sealed record GatewayBenchOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);
    public int Rounds { get; init; } = 3;
    public int Threads { get; init; } = 2;
    public int Connections { get; init; } = 32;

    /// <summary>OpenFaaS's own chain, measured in the same rounds; null quotes issue 3's figures instead.</summary>
    public OpenFaasChainBinaries? OpenFaas { get; init; }

    /// <summary>Collects every problem.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Duration < TimeSpan.FromSeconds(1) || Duration > TimeSpan.FromMinutes(5))
        {
            errors.Add("--duration must be between 1s and 5m");
        }

        if (Rounds is < 1 or > 20)
        {
            errors.Add("--rounds must be between 1 and 20");
        }

        if (Threads is < 1 or > 16)
        {
            errors.Add("--threads must be between 1 and 16");
        }

        if (Connections < Threads || Connections > 4096)
        {
            errors.Add("--connections must be at least --threads and at most 4096");
        }

        if (OpenFaas is { } binaries)
        {
            foreach (var (option, path) in new[] { ("--openfaas-gateway", binaries.Gateway), ("--openfaas-provider", binaries.Provider), ("--of-watchdog", binaries.OfWatchdog) })
            {
                if (!File.Exists(path))
                {
                    errors.Add($"{option}: {path} does not exist");
                }
            }

            if (BenchNamespace.Ip is null)
            {
                errors.Add("--openfaas-gateway: OpenFaaS's chain runs in a network namespace of its own, which needs iproute2's ip (apt-get install iproute2)");
            }
        }

        return errors;
    }
}
