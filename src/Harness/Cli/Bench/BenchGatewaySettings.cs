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
}
