using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness scale</c>.</summary>
internal sealed class ScaleSettings : NameSettings
{
    [CommandOption("-r|--replicas <N>")]
    [Description("Desired replicas (0 scales to zero where the gateway allows it)")]
    public int? Replicas { get; init; }

    public override ValidationResult Validate() => Replicas switch
    {
        null => ValidationResult.Error("--replicas is required"),
        < 0 => ValidationResult.Error("--replicas must be 0 or more"),
        _ => ValidationResult.Success(),
    };
}
