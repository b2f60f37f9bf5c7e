using System.ComponentModel;
using Harness.Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness logs</c>.</summary>
internal sealed class LogsSettings : NameSettings
{
    [CommandOption("--tail <N>")]
    [Description("Only the last N lines (0 for every line)")]
    public int? Tail { get; init; }

    [CommandOption("--follow")]
    [Description("Keep streaming new lines until Ctrl-C")]
    public bool Follow { get; init; }

    [CommandOption("--since <DURATION>")]
    [Description("Only lines newer than this, e.g. 90s, 10m or 1h30m")]
    public string? Since { get; init; }

    [CommandOption("--instance <NAME>")]
    [Description("Only this replica")]
    public string? Instance { get; init; }

    public override ValidationResult Validate()
    {
        if (Tail is < 0)
        {
            return ValidationResult.Error("--tail must be 0 or more");
        }

        return Since is null || (GoDuration.TryParse(Since, out var since) && since >= TimeSpan.Zero)
            ? ValidationResult.Success()
            : ValidationResult.Error($"--since '{Since}' is not a duration such as 90s, 10m or 1h30m");
    }
}
