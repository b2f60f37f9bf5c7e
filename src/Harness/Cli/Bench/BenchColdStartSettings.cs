using System.ComponentModel;
using Spectre.Console.Cli;
using Harness.Bench;

namespace Harness.Cli.Bench;

/// <summary>Options of <c>harness bench cold-start</c>.</summary>
internal sealed class BenchColdStartSettings : CommandSettings
{
    [CommandOption("-n|--repetitions <N>")]
    [Description("Cold starts (and interpreter starts) to time; figures are medians (default 7)")]
    public int Repetitions { get; init; } = 7;
}
