using System.Diagnostics;
using System.Globalization;
using System.Text;
using Harness.Watchdog.Config;
using Harness.Watchdog.Execution;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Harness.Watchdog.Http;

/// <summary>
/// Fork per request with classic-watchdog semantics: body → stdin, stdout → body (buffered), Http_* environment,
/// exit 0 → 200, non-zero → 500 <c>exit status N</c> + output, deadline → 408 <c>Killed process.</c> with the tree killed.
/// </summary>
internal sealed class SerializingHandler(WatchdogConfig config, ForkServer? forkServer) : IFunctionHandler
{
    public bool Ready => true;

    public async Task<long> HandleAsync(HttpContext context, DeadlineSource deadline)
    {
        var start = Stopwatch.GetTimestamp();
        var request = context.Request;
        var env = config.CgiHeaders ? CgiEnvironment.Build(request) : null;

        using var process = await ForkedProcess.StartAsync(config.Fprocess, env, forkServer).ConfigureAwait(false);
        var stdin = StreamPump.FeedStdinAsync(request.Body, process.Stdin, deadline.Token);
        var stdout = StreamPump.ReadAllAsync(process.Stdout);
        var stderr = StreamPump.ReadAllAsync(process.Stderr);

        var exited = await process.WaitAsync(deadline.Token).ConfigureAwait(false);
        await process.DrainAsync(stdin, stdout, stderr).ConfigureAwait(false);
        var output = await stdout.ConfigureAwait(false);
        var errors = await stderr.ConfigureAwait(false);

        if (!config.CombineOutput)
        {
            WatchdogLog.Output("stderr:", errors.GetBuffer().AsSpan(0, (int)errors.Length));
        }

        if (config.WriteDebug)
        {
            WatchdogLog.Output("stdout:", output.GetBuffer().AsSpan(0, (int)output.Length));
        }

        if (!exited)
        {
            WatchdogLog.Error($"killed process tree {process.Pid} after {deadline.Timeout.TotalSeconds}s");
            if (!context.RequestAborted.IsCancellationRequested)
            {
                ResponseWriter.SetDuration(context.Response, start);
                await ResponseWriter.TextAsync(context, StatusCodes.Status408RequestTimeout, "Killed process.\n").ConfigureAwait(false);
            }

            return -1;
        }

        var response = context.Response;
        var body = new ArraySegment<byte>(output.GetBuffer(), 0, (int)output.Length);
        var status = StatusCodes.Status200OK;
        string? contentType = null;
        var exitCode = process.ExitCode;
        if (exitCode != 0)
        {
            status = StatusCodes.Status500InternalServerError;
            var prefix = Encoding.ASCII.GetBytes(exitCode > 128
                ? string.Create(CultureInfo.InvariantCulture, $"signal: {exitCode - 128}\n")
                : string.Create(CultureInfo.InvariantCulture, $"exit status {exitCode}\n"));
            var joined = new byte[prefix.Length + body.Count];
            prefix.CopyTo(joined, 0);
            body.AsSpan().CopyTo(joined.AsSpan(prefix.Length));
            body = joined;
            WatchdogLog.Error($"function exited with status {exitCode}");
        }
        else if (config.CgiResponse && CgiResponse.TryParse(body) is { } cgi)
        {
            status = cgi.StatusCode;
            foreach (var (name, value) in cgi.Headers)
            {
                if (name.Equals(HeaderNames.ContentType, StringComparison.OrdinalIgnoreCase))
                {
                    contentType = value;
                }
                else if (!name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase)
                    && !name.Equals(HeaderNames.TransferEncoding, StringComparison.OrdinalIgnoreCase))
                {
                    response.Headers.Append(name, value);
                }
            }

            body = body[cgi.BodyOffset..];
        }

        response.StatusCode = status;
        response.Headers[HeaderNames.ContentType] = contentType ?? ResponseWriter.DefaultContentType(config, request);
        ResponseWriter.SetDuration(response, start);
        var extra = config.CombineOutput ? (int)errors.Length : 0;
        response.ContentLength = body.Count + extra;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        if (extra > 0)
        {
            await response.Body.WriteAsync(errors.GetBuffer().AsMemory(0, extra), context.RequestAborted).ConfigureAwait(false);
        }

        return -1;
    }
}
