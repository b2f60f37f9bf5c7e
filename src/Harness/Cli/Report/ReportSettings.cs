using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Report;

/// <summary>Options of <c>harness report</c>.</summary>
internal sealed class ReportSettings : CommandSettings
{
    [CommandArgument(0, "<RESULTS>")]
    [Description("results.json written by harness run")]
    public string Results { get; init; } = "";

    [CommandOption("-o|--output <FILE>")]
    [Description("Output file (default: report.pdf, or summary.md with --format md, next to RESULTS)")]
    public string? Output { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("pdf (default) or md")]
    [DefaultValue("pdf")]
    public string Format { get; init; } = "pdf";

    [CommandOption("--dataset <FILE>")]
    [Description("Your own copy of the public-cloud dataset (YAML, same schema as the built-in one)")]
    public string? Dataset { get; init; }

    [CommandOption("--font-dir <DIR>")]
    [Description("Directory with DejaVuSans.ttf and DejaVuSans-Bold.ttf (default: HARNESS_FONT_DIR or /usr/share/fonts/truetype/dejavu)")]
    public string? FontDirectory { get; init; }

    /// <summary>Every problem with the arguments (checked in the command, so the exit code is 2 rather than a crash).</summary>
    public IReadOnlyList<string> Problems()
    {
        var errors = new List<string>();
        if (Format is not ("pdf" or "md"))
        {
            errors.Add($"--format: '{Format}' is not pdf or md");
        }

        if (Harness.Platform.Files.UserFile.Problem(Results, Harness.Platform.Files.UserFile.LargeMaxBytes) is { } problem)
        {
            errors.Add($"{Results} {problem}");
        }
        else if (!File.Exists(Results))
        {
            errors.Add($"{Results}: results file not found");
        }

        return errors;
    }
}
