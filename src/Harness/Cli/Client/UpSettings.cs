using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness up</c>, as faas-cli's: the build and push steps, then deploy with its flags.</summary>
internal sealed class UpSettings : DeploySettings
{
    [CommandOption("--skip-push")]
    [Description("Build and deploy without uploading the artifacts")]
    public bool SkipPush { get; init; }

    [CommandOption("--skip-deploy")]
    [Description("Build and push only")]
    public bool SkipDeploy { get; init; }

    public override ValidationResult Validate() =>
        FromFlags ? ValidationResult.Error("up builds from a stack file; --image/--name belong to deploy") : base.Validate();
}
