using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.History;

/// <summary>Options of <c>harness baseline set NAME RUN</c>.</summary>
internal sealed class BaselineSetSettings : CommandSettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Baseline name, e.g. release-1.2")]
    public string Name { get; init; } = "";

    [CommandArgument(1, "[RUN]")]
    [Description("Run id (default: the latest run)")]
    public string? Run { get; init; }

    [CommandOption("--history <FILE>")]
    [Description("History database (default: out/history.db)")]
    [DefaultValue("out/history.db")]
    public string History { get; init; } = "out/history.db";

    public override ValidationResult Validate() =>
        Harness.History.BaselineName.Problem(Name) is { } problem ? ValidationResult.Error($"NAME: {problem}") : ValidationResult.Success();
}
