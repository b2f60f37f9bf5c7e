using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary>Short plain-text answers for errors, as OpenFaaS gives them.</summary>
internal static class TextResponse
{
    public static Task WriteAsync(HttpContext context, int statusCode, string text)
    {
        var response = context.Response;
        if (response.HasStarted)
        {
            return Task.CompletedTask;
        }

        response.StatusCode = statusCode;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(text.EndsWith('\n') ? text : text + "\n", context.RequestAborted);
    }
}
