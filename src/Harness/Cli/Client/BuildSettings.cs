using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness build</c>.</summary>
internal sealed class BuildSettings : StackSettings
{
    [CommandOption("--local-only")]
    [Description("Only write build/<function>; do not also put the artifact into a platform on this machine")]
    public bool LocalOnly { get; init; }

    [CommandOption("--dockerfile")]
    [Description("Also write a container build context into build/<function>: our watchdog and a Dockerfile (for Kubernetes)")]
    public bool Dockerfile { get; init; }
}
