using Harness.Watchdog.Config;
using Harness.Watchdog.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Harness.Watchdog.Http;

/// <summary>
/// Fork per request, streamed both ways (of-watchdog's streaming mode): the status is always 200, errors are only
/// logged, and a deadline kills the process tree, truncating the output.
/// </summary>
internal sealed class StreamingHandler(WatchdogConfig config, ForkServer? forkServer) : IFunctionHandler
{
    public bool Ready => true;

    public async Task<long> HandleAsync(HttpContext context, DeadlineSource deadline)
    {
        var request = context.Request;
        var response = context.Response;
        var env = config.CgiHeaders ? CgiEnvironment.Build(request) : null;

        using var process = await ForkedProcess.StartAsync(config.Fprocess, env, forkServer).ConfigureAwait(false);
        response.StatusCode = StatusCodes.Status200OK;
        response.Headers[HeaderNames.ContentType] = ResponseWriter.DefaultContentType(config, request);

        var stdin = StreamPump.FeedStdinAsync(request.Body, process.Stdin, deadline.Token);
        var stderr = StreamPump.ReadAllAsync(process.Stderr);
        var stdout = CopyOutputAsync(process.Stdout, response.Body, deadline.Token);

        var exited = await process.WaitAsync(deadline.Token).ConfigureAwait(false);
        await process.DrainAsync(stdin, stdout, stderr).ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);
        WatchdogLog.Output("stderr:", errors.GetBuffer().AsSpan(0, (int)errors.Length));
        if (!exited)
        {
            WatchdogLog.Error($"killed process tree {process.Pid} after {deadline.Timeout.TotalSeconds}s; output truncated");
        }
        else if (process.ExitCode != 0)
        {
            WatchdogLog.Error($"function exited with status {process.ExitCode}");
        }

        return await stdout.ConfigureAwait(false);
    }

    private static async Task<long> CopyOutputAsync(Stream stdout, Stream body, CancellationToken token)
    {
        var buffer = new byte[32 * 1024];
        long written = 0;
        try
        {
            int read;
            while ((read = await stdout.ReadAsync(buffer, token).ConfigureAwait(false)) > 0)
            {
                await body.WriteAsync(buffer.AsMemory(0, read), token).ConfigureAwait(false);
                written += read;
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }

        return written;
    }
}
