using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.History;

/// <summary>Options of <c>harness history</c>.</summary>
internal sealed class HistorySettings : CommandSettings
{
    [CommandOption("--history <FILE>")]
    [Description("History database (default: out/history.db)")]
    [DefaultValue("out/history.db")]
    public string History { get; init; } = "out/history.db";

    [CommandOption("--scenario <NAME>")]
    [Description("Only runs that include this scenario")]
    public string? Scenario { get; init; }

    [CommandOption("-n|--limit <N>")]
    [Description("At most this many runs, newest first")]
    [DefaultValue(50)]
    public int Limit { get; init; } = 50;

    public override ValidationResult Validate() =>
        Limit < 1 ? ValidationResult.Error($"--limit: {Limit} is not a number of runs (expected at least 1)") : ValidationResult.Success();
}
