using Harness.Platform.Client;
using Spectre.Console;

namespace Harness.Cli.Client;

/// <summary>Turns the ways a gateway call fails into one clear line and exit code 1.</summary>
internal static class GatewayErrors
{
    public const int Failed = 1;

    public static async Task<int> RunAsync(IAnsiConsole console, string gateway, CancellationToken cancellationToken, Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The user stopped it (Ctrl-C on `logs --follow`): not a failure.
            return 0;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLineVerbatim($"[red]error[/] the gateway at {gateway} did not answer in time");
        }
        catch (OpenFaasApiException ex)
        {
            ConsoleText.Error(console, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            ConsoleText.Error(console, $"cannot reach the gateway at {gateway}: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            ConsoleText.Error(console, ex.Message);
        }

        return Failed;
    }
}
