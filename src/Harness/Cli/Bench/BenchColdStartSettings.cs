using System.ComponentModel;
using Harness.Bench;
using Spectre.Console.Cli;

namespace Harness.Cli.Bench;

/// <summary>Options of <c>harness bench cold-start</c>.</summary>
internal sealed class BenchColdStartSettings : CommandSettings
{
    [CommandOption("-n|--repetitions <N>")]
    [Description("Rounds; each times every path once (a new replica per cold call); figures are medians (default 7)")]
    public int Repetitions { get; init; } = 7;

    [CommandOption("--no-sandbox-variants")]
    [Description("Time only the platform as deployed, not also pre-forked without a standby replica, without pre-forking, with the full watchdog as monitor and without a sandbox (what each costs or saves)")]
    public bool NoSandboxVariants { get; init; }
}
