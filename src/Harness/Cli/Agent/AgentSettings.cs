using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Agent;

/// <summary>Options of <c>harness agent</c>.</summary>
internal sealed class AgentSettings : CommandSettings
{
    [CommandOption("--listen <URL>")]
    [Description("Address to listen on (port 0 picks a free one; the address is printed on the first line)")]
    [DefaultValue("http://127.0.0.1:0")]
    public string Listen { get; init; } = "http://127.0.0.1:0";

    [CommandOption("--idle-timeout <SECONDS>")]
    [Description("Exit when the coordinator has not been heard from for this long outside a run (nothing is left running when it dies)")]
    [DefaultValue(60)]
    public int IdleTimeoutSeconds { get; init; } = 60;

    [CommandOption("--stdin-lifeline")]
    [Description("Exit when standard input closes (the local runtime holds it open for the agent's lifetime)")]
    public bool StdinLifeline { get; init; }
}
