using System.ComponentModel;
using Harness.Bench;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary>Options of <c>harness bench report</c>.</summary>
internal sealed class BenchReportSettings : CommandSettings
{
    [CommandOption("--rounds <N>")]
    [Description("Timed reports after the first (cold) one")]
    [DefaultValue(5)]
    public int Rounds { get; init; } = 5;

    [CommandOption("--font-dir <DIR>")]
    [Description("Directory with DejaVuSans.ttf and DejaVuSans-Bold.ttf")]
    public string? FontDirectory { get; init; }
}
