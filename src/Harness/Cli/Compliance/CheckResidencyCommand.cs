using Harness.Compliance;
using Harness.Compliance.Collectors;
using Harness.Platform.Stack;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Compliance;

/// <summary><c>harness check residency</c>: findings table, findings.json, exit 0/1 by the policy threshold, 2 on bad input.</summary>
internal sealed class CheckResidencyCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<CheckResidencySettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CheckResidencySettings settings, CancellationToken cancellationToken)
    {
        RedactingRenderHook.AttachTo(console);
        // Checked here rather than in Validate(): the app propagates exceptions, and usage errors must exit 2.
        if (string.IsNullOrWhiteSpace(settings.Policy))
        {
            console.MarkupLine("[red]--policy FILE is required (e.g. scenarios/policies/norway.yml)[/]");
            return ExitCodes.UsageError;
        }

        Uri? gateway = null;
        if (settings.Gateway is not null && (!Uri.TryCreate(settings.Gateway, UriKind.Absolute, out gateway) || gateway.Scheme is not ("http" or "https")))
        {
            console.MarkupLineVerbatim($"[red]--gateway: \"{settings.Gateway}\" is not an http(s) URL[/]");
            return ExitCodes.UsageError;
        }

        (string, string)? credentials = null;
        if (settings.GatewayPasswordFile is { } passwordFile)
        {
            if (!File.Exists(passwordFile) && !Directory.Exists(passwordFile))
            {
                console.MarkupLineVerbatim($"[red]{passwordFile}: password file not found[/]");
                return ExitCodes.UsageError;
            }

            try
            {
                credentials = (settings.GatewayUser, (await Harness.Platform.Files.UserFile.ReadAllTextAsync(passwordFile, cancellationToken).ConfigureAwait(false)).Trim());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.MarkupLineVerbatim($"[red]--gateway-password-file: {ex.Message}[/]");
                return ExitCodes.UsageError;
            }
        }

        var request = new ResidencyCheckRequest
        {
            PolicyFile = settings.Policy!,
            StackFiles = settings.StackFiles,
            TargetFile = settings.Target,
            Kubeconfig = settings.Kubeconfig,
            NginxConfig = settings.NginxConf,
            GatewayUrl = gateway,
            GatewayCredentials = credentials,
            NodeRoot = settings.NodeRoot,
            IpCountryFile = settings.IpCountry,
        };

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        ResidencyCheckOutcome outcome;
        try
        {
            outcome = await new ResidencyCheck(StackInputs.Read, http).RunAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ComplianceInputException ex)
        {
            foreach (var error in ex.Errors)
            {
                console.MarkupLineVerbatim($"[red]{error}[/]");
            }

            return ExitCodes.UsageError;
        }

        FindingsTable.Write(console, outcome);
        WritePortabilityWarnings(settings.StackFiles);
        var path = await FindingsJson.WriteAsync(outcome.Result, settings.Out, cancellationToken).ConfigureAwait(false);
        console.MarkupLineVerbatim($"findings: {path}");
        return outcome.ExitCode;
    }

    // The handler-level portability findings validate, build and up print, so the check's reader sees them as well.
    private void WritePortabilityWarnings(IEnumerable<string> stackFiles)
    {
        foreach (var file in stackFiles)
        {
            var parsed = new StackFileParser(environment.Variables).ParseFile(file);
            foreach (var diagnostic in parsed.Diagnostics.Where(d => d.Message.StartsWith(HandlerPortability.Prefix, StringComparison.Ordinal)))
            {
                ConsoleText.Warning(console, diagnostic.ToString());
            }
        }
    }
}
