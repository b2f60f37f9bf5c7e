using System.ComponentModel;
using Harness.Bench;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary>Options of <c>harness bench all</c>: each benchmark runs with its defaults; the combined table can go to Markdown or into a README.</summary>
internal sealed class BenchAllSettings : CommandSettings
{
    [CommandOption("--markdown <FILE>")]
    [Description("Also write the combined ratio table as Markdown to FILE")]
    public string? Markdown { get; init; }

    [CommandOption("--update-readme <FILE>")]
    [Description("Rewrite the block between <!-- bench:start --> and <!-- bench:end --> in FILE (e.g. README.md) with the table")]
    public string? UpdateReadme { get; init; }

    [CommandOption("--classic-watchdog <PATH>")]
    [Description("OpenFaaS classic-watchdog binary (built from source), passed to bench watchdog: the fork-mode baselines of the same run")]
    public string? ClassicWatchdog { get; init; }

    [CommandOption("--of-watchdog <PATH>")]
    [Description("OpenFaaS of-watchdog binary (built from source), passed to bench watchdog")]
    public string? OfWatchdog { get; init; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (UpdateReadme is { } readme)
        {
            if (!File.Exists(readme))
            {
                return Spectre.Console.ValidationResult.Error($"--update-readme: {readme} does not exist");
            }

            // Checked before minutes of benchmarks, not after.
            if (ReadmeBlock.Replace(File.ReadAllText(readme), "").Error is { } error)
            {
                return Spectre.Console.ValidationResult.Error($"--update-readme: {readme}: {error}");
            }
        }

        return Spectre.Console.ValidationResult.Success();
    }
}
