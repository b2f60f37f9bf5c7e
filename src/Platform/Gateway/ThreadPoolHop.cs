using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary>
/// Moves a request to a thread-pool thread before it goes on. Kestrel runs requests inline on the socket's I/O thread
/// (<c>UnsafePreferInlineScheduling</c>); only <c>/function/*</c> is known not to block, so every other route hops.
/// </summary>
internal static class ThreadPoolHop
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        // No synchronization context in ASP.NET Core: the continuation is queued to the pool.
        await Task.Yield();
        await next(context).ConfigureAwait(false);
    }
}
