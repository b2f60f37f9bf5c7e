using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness namespace get|create|update|remove NAME</c>.</summary>
internal sealed class NamespaceNameSettings : GatewaySettings
{
    [CommandArgument(0, "<NAME>")]
    [Description("Namespace name")]
    public string Name { get; init; } = "";

    [CommandOption("-l|--label <K=V>")]
    [Description("Namespace label (create, update; repeatable)")]
    public string[] Labels { get; init; } = [];

    [CommandOption("--annotation <K=V>")]
    [Description("Namespace annotation (create, update; repeatable)")]
    public string[] Annotations { get; init; } = [];
}
