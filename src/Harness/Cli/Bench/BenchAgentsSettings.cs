using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary>Options of <c>harness bench agents</c>.</summary>
internal sealed class BenchAgentsSettings : CommandSettings
{
    [CommandOption("-n|--agents <N>")]
    [Description("Local agents to compare with one process")]
    [DefaultValue(2)]
    public int Agents { get; init; } = 2;

    [CommandOption("-d|--duration <SECONDS>")]
    [Description("Length of each measured run")]
    [DefaultValue(5)]
    public int Duration { get; init; } = 5;

    [CommandOption("--vus <N>")]
    [Description("Closed-model VUs in all (split over the agents)")]
    [DefaultValue(32)]
    public int Vus { get; init; } = 32;
}
