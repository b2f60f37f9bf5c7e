using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Harness.Platform.Gateway;

/// <summary>Counts and times <c>/function/*</c> calls under OpenFaaS's metric names; added at wiring time, around the invocation endpoint.</summary>
internal sealed class InvocationMetricsMiddleware(RequestDelegate next, GatewayMetrics metrics, TimeProvider time)
{
    private static readonly string[] Codes = Enumerable.Range(0, 600).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        if (!FunctionNames.TryParse(context.GetRouteValue("name") as string, null, out var key, out _))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var label = key.ToString();
        metrics.Started.WithLabels(label).Inc();
        var started = time.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var status = context.Response.StatusCode;
            var code = (uint)status < Codes.Length ? Codes[status] : status.ToString(CultureInfo.InvariantCulture);
            metrics.InvocationTotal.WithLabels(label, code).Inc();
            metrics.Seconds.WithLabels(label, code).Observe(time.GetElapsedTime(started).TotalSeconds);
        }
    }
}
