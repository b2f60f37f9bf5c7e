using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Gateway options plus the function namespace.</summary>
internal class NamespacedSettings : GatewaySettings
{
    [CommandOption("-n|--namespace <NAMESPACE>")]
    [Description("Function namespace (default: the gateway's)")]
    public string? Namespace { get; init; }
}
