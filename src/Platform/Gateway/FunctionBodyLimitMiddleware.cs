using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Harness.Platform.Gateway;

/// <summary>
/// Holds <c>/function/*</c> and <c>/async-function/*</c> bodies to <see cref="GatewayOptions.MaxFunctionBodyBytes"/>:
/// a declared length over it is answered 413 with the limit before a replica is picked, a cold start begun or a queue
/// slot taken; a chunked body is counted while it is read (<see cref="LimitedRequestBody"/>) and the invocation
/// handlers answer the same 413 when it goes over (<see cref="Exceeded"/>), unless the function has already answered.
/// </summary>
internal sealed class FunctionBodyLimitMiddleware(RequestDelegate next, GatewayOptions options)
{
    private static readonly object ExceededKey = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (options.MaxFunctionBodyBytes is not { } limit)
        {
            return next(context);
        }

        var request = context.Request;
        if (request.ContentLength is { } length)
        {
            return length > limit
                ? TextResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, Message(length, limit))
                : next(context);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        request.Body = new LimitedRequestBody(request.Body, limit, () => context.Items[ExceededKey] = true);
        return next(context);
    }

    /// <summary>Whether this call's body went over the limit while it was read.</summary>
    public static bool Exceeded(HttpContext context) => context.Items.ContainsKey(ExceededKey);

    /// <summary>The text of every 413 for a function call: what came, the limit and how to change it.</summary>
    public static string Message(long? length, long limit) =>
        (length is { } n ? $"request body too large: {n} bytes, the limit is {limit} bytes" : $"request body too large: the limit is {limit} bytes")
        + " (harness platform up --max-function-body)";
}
