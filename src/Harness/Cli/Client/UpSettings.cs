using System.ComponentModel;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness up</c>, as faas-cli's.</summary>
internal sealed class UpSettings : StackSettings
{
    [CommandOption("--skip-push")]
    [Description("Build and deploy without uploading the artifacts")]
    public bool SkipPush { get; init; }

    [CommandOption("--skip-deploy")]
    [Description("Build and push only")]
    public bool SkipDeploy { get; init; }
}
