using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Compliance;

/// <summary>Options of <c>harness check residency</c>.</summary>
internal sealed class CheckResidencySettings : CommandSettings
{
    [CommandOption("--policy <FILE>")]
    [Description("Policy file, e.g. scenarios/policies/norway.yml (required)")]
    public string? Policy { get; init; }

    [CommandOption("-f|--yaml <FILE>")]
    [Description("Stack file(s) to check; repeat for several")]
    public string[] StackFiles { get; init; } = [];

    [CommandOption("--target <FILE>")]
    [Description("Target file; its declared location is recorded as declared, not verified")]
    public string? Target { get; init; }

    [CommandOption("--kubeconfig <FILE>")]
    [Description("Kubeconfig: read the nodes' topology.kubernetes.io/region and zone labels")]
    public string? Kubeconfig { get; init; }

    [CommandOption("--nginx-conf <FILE>")]
    [Description("The ingress's nginx.conf (includes are followed)")]
    public string? NginxConf { get; init; }

    [CommandOption("--gateway <URL>")]
    [Description("A running gateway: /system/info, /system/functions, and whether /system answers without auth")]
    public string? Gateway { get; init; }

    [CommandOption("--gateway-user <USER>")]
    [Description("Basic-auth user for reading /system/functions when the gateway requires it (default admin)")]
    public string GatewayUser { get; init; } = "admin";

    [CommandOption("--gateway-password-file <FILE>")]
    [Description("File holding the gateway's basic-auth password (as OpenFaaS's basic-auth-password)")]
    public string? GatewayPasswordFile { get; init; }

    [CommandOption("--node-root <DIR>")]
    [Description("Read the node's resolv.conf, NTP configuration and time zone under this root (\"/\" for this machine)")]
    public string? NodeRoot { get; init; }

    [CommandOption("--ip-country <FILE>")]
    [Description("CIDR → country table (\"185.0.0.0/16 NO\" per line); without it IP addresses are \"unknown\"")]
    public string? IpCountry { get; init; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Directory for findings.json (default: out)")]
    public string Out { get; init; } = "out";
}
