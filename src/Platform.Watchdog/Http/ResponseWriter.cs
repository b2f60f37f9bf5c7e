using System.Globalization;
using Harness.Watchdog.Config;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Harness.Watchdog.Http;

/// <summary>Small helpers shared by the modes for status, headers and fixed bodies.</summary>
internal static class ResponseWriter
{
    public const string DurationHeader = "X-Duration-Seconds";

    public static void SetDuration(HttpResponse response, long startTimestamp) =>
        response.Headers[DurationHeader] = System.Diagnostics.Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds
            .ToString("F6", CultureInfo.InvariantCulture);

    /// <summary>content_type when set, else the request's Content-Type, else application/octet-stream.</summary>
    public static string DefaultContentType(WatchdogConfig config, HttpRequest request) =>
        config.ContentType.Length > 0 ? config.ContentType
        : !string.IsNullOrEmpty(request.ContentType) ? request.ContentType
        : "application/octet-stream";

    public static Task TextAsync(HttpContext context, int status, string text, CancellationToken token = default)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        response.StatusCode = status;
        response.Headers[HeaderNames.ContentType] = "text/plain; charset=utf-8";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        response.ContentLength = bytes.Length;
        return response.Body.WriteAsync(bytes, token).AsTask();
    }
}
