using System.ComponentModel;
using Harness.Bench;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary>Options of <c>harness bench watchdog</c>.</summary>
internal sealed class BenchWatchdogSettings : CommandSettings
{
    [CommandOption("-d|--duration <DURATION>")]
    [Description("Length of one measured run, e.g. 3s or 1500ms (default 3s)")]
    public string Duration { get; init; } = "3s";

    [CommandOption("--rounds <N>")]
    [Description("Measured rounds per scenario; figures are medians (default 3)")]
    public int Rounds { get; init; } = 3;

    [CommandOption("--starts <N>")]
    [Description("Watchdog starts to time, spawn to listening (default 10; 0 skips)")]
    public int Starts { get; init; } = 10;

    [CommandOption("-c|--connections <N>")]
    [Description("Keep-alive connections in http mode (default 32)")]
    public int Connections { get; init; } = 32;

    [CommandOption("--fork-connections <N>")]
    [Description("Connections and spawn-loop workers in fork mode (default 8)")]
    public int ForkConnections { get; init; } = 8;

    [CommandOption("--http-only")]
    [Description("Skip fork mode")]
    public bool HttpOnly { get; init; }

    [CommandOption("--fork-only")]
    [Description("Skip http mode")]
    public bool ForkOnly { get; init; }

    [CommandOption("--classic-watchdog <PATH>")]
    [Description("OpenFaaS classic-watchdog binary (built from source), the fork-mode baseline for cat and python in the same rounds; without it the python baseline is Harness's exec path")]
    public string? ClassicWatchdog { get; init; }

    [CommandOption("--of-watchdog <PATH>")]
    [Description("OpenFaaS of-watchdog binary (built from source), measured in mode=serializing beside the others")]
    public string? OfWatchdog { get; init; }

    [CommandOption("--no-wrk")]
    [Description("Use the built-in client even when wrk is installed")]
    public bool NoWrk { get; init; }
}
