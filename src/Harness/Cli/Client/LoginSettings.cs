using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness login</c>.</summary>
internal sealed class LoginSettings : GatewaySettings
{
    [CommandOption("-u|--username <USER>")]
    [Description("Gateway user (default: admin)")]
    public string Username { get; init; } = "admin";

    [CommandOption("-s|--password-stdin")]
    [Description("Read the password from standard input")]
    public bool PasswordStdin { get; init; }

    [CommandOption("-p|--password <PASSWORD>")]
    [Description("The password (visible in shell history: prefer --password-stdin)")]
    public string? Password { get; init; }

    public override ValidationResult Validate() =>
        PasswordStdin == (Password is not null)
            ? ValidationResult.Error("give the password with exactly one of --password-stdin or --password")
            : ValidationResult.Success();
}
