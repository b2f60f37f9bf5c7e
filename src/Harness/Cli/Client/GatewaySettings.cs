using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options every gateway command shares, named as in faas-cli.</summary>
internal class GatewaySettings : CommandSettings
{
    [CommandOption("-g|--gateway <URL>")]
    [Description("Gateway URL (else the stack's provider.gateway, then OPENFAAS_URL, then http://127.0.0.1:8080)")]
    public string? Gateway { get; init; }

    [CommandOption("--tls-no-verify")]
    [Description("Skip TLS certificate verification (not recommended)")]
    public bool TlsNoVerify { get; init; }
}
