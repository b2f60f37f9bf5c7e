using Microsoft.AspNetCore.Http;

namespace Harness.Watchdog.Http;

/// <summary>Serves one function invocation in one of the watchdog's modes.</summary>
internal interface IFunctionHandler
{
    /// <summary>False while the function cannot take requests (http mode: the child is starting or restarting).</summary>
    bool Ready { get; }

    /// <summary>
    /// Serves the request; <paramref name="deadline"/> fires at exec_timeout (or write_timeout). Returns the body bytes
    /// it wrote when it counted them (a streamed answer), else -1: the response's Content-Length then says it.
    /// </summary>
    Task<long> HandleAsync(HttpContext context, DeadlineSource deadline);
}
