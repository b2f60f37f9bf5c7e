using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary>The one mapping from provider outcomes to HTTP status codes.</summary>
internal static class ProviderResults
{
    public static int StatusCode(ProviderOutcome outcome, int success = StatusCodes.Status202Accepted) => outcome switch
    {
        ProviderOutcome.Ok => success,
        ProviderOutcome.NotFound => StatusCodes.Status404NotFound,
        ProviderOutcome.Conflict => StatusCodes.Status409Conflict,
        ProviderOutcome.Invalid => StatusCodes.Status400BadRequest,
        ProviderOutcome.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>Writes a failed result as text; an Ok result gets the success code and an empty body.</summary>
    public static Task WriteAsync(HttpContext context, ProviderResult result, int success = StatusCodes.Status202Accepted)
    {
        if (result.IsOk)
        {
            context.Response.StatusCode = success;
            return Task.CompletedTask;
        }

        return TextResponse.WriteAsync(context, StatusCode(result.Outcome, success), result.Message ?? result.Outcome.ToString());
    }
}
