using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.History;

/// <summary>Options of <c>harness compare</c>.</summary>
internal sealed class CompareSettings : CommandSettings
{
    [CommandArgument(0, "[RUN_A]")]
    [Description("Baseline run id (default: the run before RUN_B, or the --baseline run)")]
    public string? RunA { get; init; }

    [CommandArgument(1, "[RUN_B]")]
    [Description("Candidate run id (default: the latest run)")]
    public string? RunB { get; init; }

    [CommandOption("--history <FILE>")]
    [Description("History database (default: out/history.db)")]
    [DefaultValue("out/history.db")]
    public string History { get; init; } = "out/history.db";

    [CommandOption("--baseline <NAME>")]
    [Description("Compare against the run pinned under this name (harness baseline set NAME RUN)")]
    public string? Baseline { get; init; }

    [CommandOption("--tolerance <PERCENT>")]
    [Description("Allowed slowdown of a median before it counts as a regression, e.g. 10% (default 10%)")]
    public string? Tolerance { get; init; }

    [CommandOption("--junit <FILE>")]
    [Description("Also write the verdicts as a JUnit XML file (one test case per metric)")]
    public string? JUnit { get; init; }

    /// <summary>The tolerance as a fraction, or null when not given.</summary>
    public double? ToleranceFraction => ParseTolerance(Tolerance);

    public override ValidationResult Validate()
    {
        if (Tolerance is not null && ParseTolerance(Tolerance) is null)
        {
            return ValidationResult.Error($"--tolerance: '{Tolerance}' is not a percentage such as 10%");
        }

        return RunA is not null && Baseline is not null
            ? ValidationResult.Error("give either RUN_A or --baseline, not both")
            : ValidationResult.Success();
    }

    private static double? ParseTolerance(string? text) => Harness.History.ToleranceText.Parse(text);
}
