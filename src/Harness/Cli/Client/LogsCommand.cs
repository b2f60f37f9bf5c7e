using System.Globalization;
using System.Text;
using Harness.Platform.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary><c>harness logs NAME</c>: prints <c>/system/logs</c> lines as they arrive, one a line, unwrapped.</summary>
internal sealed class LogsCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<LogsSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, LogsSettings settings, CancellationToken cancellationToken)
    {
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        TimeSpan? since = GoDuration.TryParse(settings.Since, out var s) ? s : null;
        var request = new LogRequest(
            settings.Name,
            settings.Namespace ?? "",
            settings.Instance,
            settings.Tail,
            settings.Follow,
            since is { } window ? environment.Time.GetUtcNow() - window : null);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            var output = new StreamWriter(environment.StandardOutput, new UTF8Encoding(false), leaveOpen: true);
            await using (output.ConfigureAwait(false))
            {
                await foreach (var entry in client.GetLogsAsync(request, cancellationToken).ConfigureAwait(false))
                {
                    var stamp = entry.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
                    await output.WriteLineAsync($"{stamp} {entry.Name} ({entry.Instance}) {entry.Text}").ConfigureAwait(false);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return 0;
        }).ConfigureAwait(false);
    }
}
