using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Run;

/// <summary>Options of <c>harness run</c>.</summary>
internal sealed class RunSettings : CommandSettings
{
    [CommandArgument(0, "[SCENARIOS]")]
    [Description("Scenario files (default: every scenarios/*.yml, the default suite)")]
    public string[] Scenarios { get; init; } = [];

    [CommandOption("-t|--target <FILE>")]
    [Description("Target file (default: scenarios/targets/local.yml, the embedded platform)")]
    public string? Target { get; init; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Output directory for results.json, junit.xml, report.pdf and summary.md")]
    [DefaultValue("out")]
    public string Out { get; init; } = "out";

    [CommandOption("--no-report")]
    [Description("Write results.json and junit.xml only, no PDF or Markdown report")]
    public bool NoReport { get; init; }
}
