using System.Text;
using Harness.Platform.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>
/// <c>harness login</c>: checks the credentials with <c>GET /system/functions</c>, then stores them in faas-cli's
/// config file, so faas-cli and harness share one login.
/// </summary>
internal sealed class LoginCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<LoginSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LoginSettings settings, CancellationToken cancellationToken)
    {
        var password = settings.Password ?? await ReadPasswordAsync(cancellationToken).ConfigureAwait(false);
        if (password.Length == 0)
        {
            console.MarkupLine("[red]error[/] the password is empty");
            return ExitCodes.UsageError;
        }

        var url = GatewayConnection.ResolveUrl(settings, environment);
        var credentials = GatewayCredentials.Basic(settings.Username, password);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            using (var client = OpenFaasClient.Create(new Uri(url), credentials, new OpenFaasClientOptions { TlsNoVerify = settings.TlsNoVerify }))
            {
                await client.ListFunctionsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            var config = GatewayConnection.Config(environment);
            config.Save(url, credentials);
            console.MarkupLineVerbatim($"credentials saved for {settings.Username} {url} in {config.FilePath}");
            return 0;
        }).ConfigureAwait(false);
    }

    // faas-cli trims surrounding whitespace, so `echo pass | harness login -s` works.
    private async Task<string> ReadPasswordAsync(CancellationToken cancellationToken)
    {
        var stream = environment.OpenStandardInput();
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Trim();
        }
    }
}
