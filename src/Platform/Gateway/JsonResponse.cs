using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary>Writes JSON bodies with the gateway's settings.</summary>
internal static class JsonResponse
{
    public static Task WriteAsync<T>(HttpContext context, T value, int statusCode = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, GatewayJson.Options, context.RequestAborted);
    }
}
