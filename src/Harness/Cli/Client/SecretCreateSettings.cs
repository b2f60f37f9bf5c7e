using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness secret create|update</c>, as faas-cli's.</summary>
internal sealed class SecretCreateSettings : NameSettings
{
    [CommandOption("--from-literal <VALUE>")]
    [Description("The secret's value")]
    public string? FromLiteral { get; init; }

    [CommandOption("--from-file <PATH>")]
    [Description("Read the value from a file (binary-safe)")]
    public string? FromFile { get; init; }

    [CommandOption("--trim")]
    [Description("Trim whitespace around the value")]
    public bool Trim { get; init; }

    public override ValidationResult Validate() =>
        FromLiteral is not null && FromFile is not null
            ? ValidationResult.Error("give at most one of --from-literal and --from-file (none reads standard input)")
            : ValidationResult.Success();
}
