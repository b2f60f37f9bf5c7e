using System.ComponentModel;
using Harness.Platform.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options every gateway command shares, named as in faas-cli.</summary>
internal class GatewaySettings : CommandSettings
{
    [CommandOption("-g|--gateway <URL>")]
    [Description("Gateway URL (else the stack's provider.gateway, then OPENFAAS_URL, then http://127.0.0.1:8080)")]
    [GatewayUrlOption]
    public string? Gateway { get; init; }

    [CommandOption("--tls-no-verify")]
    [Description("Skip TLS certificate verification (not recommended)")]
    public bool TlsNoVerify { get; init; }
}

/// <summary>
/// Checks <c>--gateway</c> where it is read, for every command that takes it (a settings class's own Validate need not
/// remember to): ftp://x or a URL that does not parse is exit 2 naming the option, never a crash in the HTTP client.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class GatewayUrlOptionAttribute() : ParameterValidationAttribute(errorMessage: "")
{
    public override ValidationResult Validate(CommandParameterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Empty means "not given", as in faas-cli (GatewayUrl.Resolve then takes the next source).
        return context.Value is string { Length: > 0 } url && GatewayUrl.Problem(url) is { } problem
            ? ValidationResult.Error($"--gateway: {problem}")
            : ValidationResult.Success();
    }
}
