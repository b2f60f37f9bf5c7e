using System.ComponentModel;
using Harness.Platform.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>Options of <c>harness deploy</c> (and the deploy step of <c>up</c>), named and defaulted as faas-cli's.</summary>
internal class DeploySettings : StackSettings
{
    [CommandOption("--replace")]
    [Description("Remove and re-create existing functions (implies --update=false)")]
    public bool? Replace { get; init; }

    [CommandOption("--update")]
    [Description("Update existing functions in place (PUT, then POST when new); default true. --update=false only creates")]
    public bool? Update { get; init; }

    [CommandOption("-e|--env <KEY=VALUE>")]
    [Description("Set an environment variable, over the stack's environment and environment_file; repeat for more")]
    public string[] Env { get; init; } = [];

    [CommandOption("-l|--label <KEY=VALUE>")]
    [Description("Set a label, over the stack's; repeat for more")]
    public string[] Label { get; init; } = [];

    [CommandOption("--annotation <KEY=VALUE>")]
    [Description("Set an annotation, over the stack's; repeat for more")]
    public string[] Annotation { get; init; } = [];

    [CommandOption("--secret <NAME>")]
    [Description("Give the function access to a secret, besides the stack's; repeat for more")]
    public string[] Secret { get; init; } = [];

    [CommandOption("--constraint <CONSTRAINT>")]
    [Description("Placement constraint for functions whose stack entry has none; repeat for more")]
    public string[] Constraint { get; init; } = [];

    [CommandOption("--image <IMAGE>")]
    [Description("Deploy this image without a stack file (with --name)")]
    public string? Image { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Function name when deploying with --image")]
    public string? Name { get; init; }

    [CommandOption("--fprocess <PROCESS>")]
    [Description("The watchdog's fprocess when deploying with --image")]
    public string? FProcess { get; init; }

    [CommandOption("--readonly")]
    [Description("Make the function's root filesystem read-only")]
    public bool ReadOnly { get; init; }

    /// <summary>True when the functions come from flags (<c>--image</c>/<c>--name</c>) rather than a stack file.</summary>
    public bool FromFlags => Image is not null || Name is not null;

    /// <summary>faas-cli's rule: --replace and --update exclude each other; --replace alone turns the default update off.</summary>
    public DeployMode Mode =>
        Replace == true ? DeployMode.Replace
        : Update == false ? DeployMode.Create
        : DeployMode.Update;

    public override ValidationResult Validate()
    {
        var errors = new List<string>();
        if (Replace == true && Update == true)
        {
            errors.Add("cannot specify --update and --replace at the same time; --replace removes a function before re-creating it, --update changes it in place (default)");
        }

        errors.AddRange(DeployOverrides.Problems(this));
        if (FromFlags)
        {
            if (string.IsNullOrEmpty(Image) || string.IsNullOrEmpty(Name))
            {
                errors.Add("to deploy without a stack file give both --image and --name");
            }

            if (File is not null)
            {
                errors.Add("give either -f/--yaml or --image/--name, not both");
            }

            if (Filter is not null || Regex is not null)
            {
                errors.Add("--filter and --regex pick functions from a stack file; they do not apply to --image/--name");
            }
        }
        else if (FProcess is not null)
        {
            errors.Add("--fprocess applies only with --image/--name (a stack file sets fprocess per function)");
        }

        if (errors.Count > 0)
        {
            return ValidationResult.Error(string.Join(Environment.NewLine, errors));
        }

        return base.Validate();
    }
}
