using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Ingress;

/// <summary>Options of <c>harness ingress nginx</c>.</summary>
internal sealed class IngressNginxSettings : CommandSettings
{
    [CommandOption("--server-name <NAME>")]
    [Description("server_name of the ingress (default _ : any name)")]
    public string ServerName { get; init; } = "_";

    [CommandOption("--tls-cert <FILE>")]
    [Description("TLS certificate (full chain, PEM); with --tls-key the ingress listens on 443 with TLS and 80 only redirects")]
    public string? TlsCert { get; init; }

    [CommandOption("--tls-key <FILE>")]
    [Description("TLS private key (PEM)")]
    public string? TlsKey { get; init; }

    [CommandOption("--gateway <HOST:PORT>")]
    [Description("The gateway nginx proxies to (default 127.0.0.1:8080)")]
    public string Gateway { get; init; } = "127.0.0.1:8080";

    [CommandOption("--listen <PORT>")]
    [Description("Port to listen on (default 443 with TLS, else 80)")]
    public int? Listen { get; init; }

    /// <summary>Every problem with the flags (checked in the command, so they are exit 2 rather than an exception).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if ((TlsCert is null) != (TlsKey is null))
        {
            problems.Add("--tls-cert and --tls-key go together");
        }

        if (Listen is < 1 or > 65535)
        {
            problems.Add($"--listen: {Listen} is not a port (1-65535)");
        }

        if (string.IsNullOrWhiteSpace(ServerName) || ServerName.IndexOfAny([';', '{', '}', ' ', '\n']) >= 0)
        {
            problems.Add($"--server-name: \"{ServerName}\" is not an nginx server name");
        }

        if (!Gateway.Contains(':', StringComparison.Ordinal) || Gateway.IndexOfAny([';', '{', '}', ' ', '/']) >= 0)
        {
            problems.Add($"--gateway: \"{Gateway}\" is not HOST:PORT");
        }

        return problems;
    }
}
