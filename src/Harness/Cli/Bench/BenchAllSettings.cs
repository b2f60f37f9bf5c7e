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
    [Description("OpenFaaS of-watchdog binary (built from source), passed to bench watchdog, and to bench gateway with the two below")]
    public string? OfWatchdog { get; init; }

    [CommandOption("--openfaas-gateway <PATH>")]
    [Description("OpenFaaS's CE gateway (built from openfaas/faas), passed to bench gateway with --openfaas-provider and --of-watchdog: OpenFaaS's chain in the same run")]
    public string? OpenFaasGateway { get; init; }

    [CommandOption("--openfaas-provider <PATH>")]
    [Description("The bench provider (bench/openfaas-provider), passed to bench gateway")]
    public string? OpenFaasProvider { get; init; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (UpdateReadme is { } readme)
        {
            if (Harness.Platform.Files.UserFile.Problem(readme) is { } problem)
            {
                return Spectre.Console.ValidationResult.Error($"--update-readme: {readme} {problem}");
            }

            if (!File.Exists(readme))
            {
                return Spectre.Console.ValidationResult.Error($"--update-readme: {readme} does not exist");
            }

            // Checked before minutes of benchmarks, not after.
            if (ReadmeBlock.Replace(Harness.Platform.Files.UserFile.ReadAllText(readme), "").Error is { } error)
            {
                return Spectre.Console.ValidationResult.Error($"--update-readme: {readme}: {error}");
            }
        }

        if (OpenFaasGateway is not null || OpenFaasProvider is not null)
        {
            // Checked here too, so that a missing binary is said before the watchdog bench's minutes, not after.
            var gateway = new BenchGatewaySettings { OpenFaasGateway = OpenFaasGateway, OpenFaasProvider = OpenFaasProvider, OfWatchdog = OfWatchdog };
            var (binaries, error) = gateway.OpenFaas();
            error ??= new GatewayBenchOptions { OpenFaas = binaries }.Validate().FirstOrDefault();
            if (error is not null)
            {
                return Spectre.Console.ValidationResult.Error(error);
            }
        }

        return Spectre.Console.ValidationResult.Success();
    }
}
