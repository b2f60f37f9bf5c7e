using System.ComponentModel;
using Harness.Bench;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary>Options of <c>harness bench engine</c>.</summary>
internal sealed class BenchEngineSettings : CommandSettings
{
    [CommandOption("-d|--duration <SECONDS>")]
    [Description("Length of each throughput run")]
    [DefaultValue(5)]
    public int Duration { get; init; } = 5;

    [CommandOption("-c|--connections <N>")]
    [Description("Connections (wrk -c) and VUs of the throughput runs")]
    [DefaultValue(50)]
    public int Connections { get; init; } = 50;

    [CommandOption("--rate <PER_SECOND>")]
    [Description("Arrival rate of the coordinated-omission run")]
    [DefaultValue(50.0)]
    public double Rate { get; init; } = 50;

    [CommandOption("--stall-duration <SECONDS>")]
    [Description("Length of each run against the stalling server (two stalls need 8 s)")]
    [DefaultValue(8)]
    public int StallDuration { get; init; } = 8;

    public override Spectre.Console.ValidationResult Validate()
        => Duration < 1 || Connections < 1 || Rate <= 0 || StallDuration < 1
            ? Spectre.Console.ValidationResult.Error("duration, connections, rate and stall duration must be positive")
            : Spectre.Console.ValidationResult.Success();
}
