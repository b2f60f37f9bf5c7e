using System.ComponentModel;
using Harness.Bench;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary>Options of <c>harness bench gateway</c>.</summary>
internal sealed class BenchGatewaySettings : CommandSettings
{
    [CommandOption("-d|--duration <DURATION>")]
    [Description("Length of one measured run, e.g. 5s (default 5s)")]
    public string Duration { get; init; } = "5s";

    [CommandOption("--rounds <N>")]
    [Description("Measured rounds per path; figures are medians (default 3)")]
    public int Rounds { get; init; } = 3;

    [CommandOption("-t|--threads <N>")]
    [Description("wrk threads (default 2, as the OpenFaaS reference)")]
    public int Threads { get; init; } = 2;

    [CommandOption("-c|--connections <N>")]
    [Description("Keep-alive connections (default 32, as the OpenFaaS reference)")]
    public int Connections { get; init; } = 32;

    [CommandOption("--openfaas-gateway <PATH>")]
    [Description("OpenFaaS's CE gateway (built from openfaas/faas): with --openfaas-provider and --of-watchdog, OpenFaaS's own chain is measured in the same rounds, in a network namespace of the bench's own; without them its figures are quoted")]
    public string? OpenFaasGateway { get; init; }

    [CommandOption("--openfaas-provider <PATH>")]
    [Description("The bench provider (bench/openfaas-provider, built in a faas-provider checkout) between OpenFaaS's gateway and of-watchdog")]
    public string? OpenFaasProvider { get; init; }

    [CommandOption("--of-watchdog <PATH>")]
    [Description("OpenFaaS of-watchdog binary (built from source), the watchdog of OpenFaaS's chain")]
    public string? OfWatchdog { get; init; }

    /// <summary>The three OpenFaaS binaries, or null when none is given; an error names what is missing when only some are.</summary>
    internal (OpenFaasChainBinaries? Binaries, string? Error) OpenFaas()
    {
        var given = new[] { ("--openfaas-gateway", OpenFaasGateway), ("--openfaas-provider", OpenFaasProvider), ("--of-watchdog", OfWatchdog) };
        var missing = given.Where(g => g.Item2 is null).Select(g => g.Item1).ToList();
        return missing.Count switch
        {
            0 => (new OpenFaasChainBinaries(OpenFaasGateway!, OpenFaasProvider!, OfWatchdog!), null),
            3 => (null, null),
            _ => (null, $"OpenFaaS's chain needs {string.Join(", ", given.Select(g => g.Item1))} together; missing {string.Join(", ", missing)}"),
        };
    }
}
