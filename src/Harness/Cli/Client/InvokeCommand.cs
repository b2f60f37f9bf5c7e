using Harness.Platform.Client;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Harness.Cli.Client;

/// <summary>
/// <c>harness invoke NAME</c>: standard input is the request body, the response body goes to standard output
/// byte for byte, and a non-2xx status is an error (exit 1), as in faas-cli.
/// </summary>
internal sealed class InvokeCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<InvokeSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, InvokeSettings settings, CancellationToken cancellationToken)
    {
        var url = GatewayConnection.ResolveUrl(settings, environment);
        using var client = GatewayConnection.Open(settings, environment);
        return await GatewayErrors.RunAsync(console, url, cancellationToken, async () =>
        {
            var method = new HttpMethod(settings.Method.ToUpperInvariant());
            var body = method == HttpMethod.Get || method == HttpMethod.Head ? [] : await ReadInputAsync(cancellationToken).ConfigureAwait(false);
            var response = await client.InvokeAsync(new InvokeRequest
            {
                Function = settings.Name,
                Namespace = settings.Namespace,
                Method = method,
                Body = body,
                ContentType = settings.ContentType,
                Headers = KeyValue.ParseAll(settings.Headers),
                Query = KeyValue.ParseAll(settings.Query),
                Async = settings.Async,
            }, cancellationToken).ConfigureAwait(false);

            if (settings.Async)
            {
                return await ReportQueuedAsync(response, cancellationToken).ConfigureAwait(false);
            }

            await environment.StandardOutput.WriteAsync(response.Body, cancellationToken).ConfigureAwait(false);
            await environment.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccess)
            {
                return 0;
            }

            await environment.StandardError.WriteLineAsync(
                $"Server returned unexpected status code: {(int)response.StatusCode} {response.StatusCode}").ConfigureAwait(false);
            return GatewayErrors.Failed;
        }).ConfigureAwait(false);
    }

    // As faas-cli: only 202 means queued. The call id goes to standard output alone, so scripts can capture it.
    private async Task<int> ReportQueuedAsync(InvokeResponse response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.Accepted)
        {
            await environment.StandardOutput.WriteAsync(response.Body, cancellationToken).ConfigureAwait(false);
            await environment.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
            await environment.StandardError.WriteLineAsync(
                $"Server returned unexpected status code: {(int)response.StatusCode} {response.StatusCode} (expected 202 Accepted for --async)").ConfigureAwait(false);
            return GatewayErrors.Failed;
        }

        var callId = response.Headers.TryGetValue("X-Call-Id", out var values) && values.Count > 0 ? values[0] : "";
        await environment.StandardError.WriteLineAsync("Function submitted asynchronously.").ConfigureAwait(false);
        await environment.StandardOutput.WriteAsync(System.Text.Encoding.UTF8.GetBytes(callId + "\n"), cancellationToken).ConfigureAwait(false);
        await environment.StandardOutput.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private async Task<byte[]> ReadInputAsync(CancellationToken cancellationToken)
    {
        var stream = environment.OpenStandardInput();
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.ToArray();
        }
    }
}
