using System.Globalization;
using System.Text.Json;
using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary><c>GET /system/logs</c>: NDJSON, one <see cref="LogEntry"/> a line, flushed as it comes when <c>follow=true</c>.</summary>
internal sealed class LogsApi(IFunctionProvider provider)
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public async Task GetAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var errors = new List<string>();
        if (!FunctionNames.TryParse(query["name"], query["namespace"], out var key, out var nameError))
        {
            errors.Add($"name: {nameError}");
        }

        int? tail = null;
        if (query["tail"].ToString() is { Length: > 0 } tailText)
        {
            // As faas-provider's logs.Request: "<=0 means unlimited".
            if (int.TryParse(tailText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var t))
            {
                tail = t <= 0 ? null : t;
            }
            else
            {
                errors.Add($"tail '{tailText}' must be an integer (0 or less for every line)");
            }
        }

        var follow = false;
        if (query["follow"].ToString() is { Length: > 0 } followText && !bool.TryParse(followText, out follow))
        {
            errors.Add($"follow '{followText}' must be true or false");
        }

        DateTimeOffset? since = null;
        if (query["since"].ToString() is { Length: > 0 } sinceText)
        {
            if (DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var s))
            {
                since = s;
            }
            else
            {
                errors.Add($"since '{sinceText}' must be an RFC 3339 time, e.g. 2024-01-02T15:04:05Z");
            }
        }

        if (errors.Count == 0 && await KnownNamespaces.ProblemAsync(provider, key.Namespace, context.RequestAborted).ConfigureAwait(false) is { } problem)
        {
            errors.Add(problem);
        }

        if (errors.Count > 0)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status400BadRequest, string.Join('\n', errors)).ConfigureAwait(false);
            return;
        }

        var instance = query["instance"].ToString();
        var request = new LogRequest(key.Name, key.Namespace, instance.Length > 0 ? instance : null, tail, follow, since);
        var response = context.Response;
        var body = response.Body;
        var started = false;
        try
        {
            await foreach (var entry in provider.LogsAsync(request, context.RequestAborted).ConfigureAwait(false))
            {
                if (!started)
                {
                    Start(response);
                    started = true;
                }

                await JsonSerializer.SerializeAsync(body, entry, GatewayJson.Options, context.RequestAborted).ConfigureAwait(false);
                await body.WriteAsync(NewLine, context.RequestAborted).ConfigureAwait(false);
                if (follow)
                {
                    await body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
        catch (NotSupportedException e) when (!started)
        {
            await TextResponse.WriteAsync(context, StatusCodes.Status501NotImplemented, e.Message).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        if (!started)
        {
            Start(response);
        }
    }

    private static void Start(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/x-ndjson";
    }
}
