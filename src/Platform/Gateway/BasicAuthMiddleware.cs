using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary>Guards <c>/system/*</c> with HTTP basic auth, answering as the OpenFaaS gateway does: 401, <c>WWW-Authenticate: Basic realm="Restricted"</c>, <c>invalid credentials</c>.</summary>
internal sealed class BasicAuthMiddleware(RequestDelegate next, BasicAuthCredentials credentials)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (IsAuthorised(context.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Basic realm=\"Restricted\"";
        return TextResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, "invalid credentials");
    }

    private bool IsAuthorised(string header)
    {
        const string scheme = "Basic ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = header.AsSpan(scheme.Length).Trim();
        if (encoded.Length > 4096)
        {
            return false;
        }

        var bytes = ArrayPool<byte>.Shared.Rent(encoded.Length);
        try
        {
            if (!Convert.TryFromBase64Chars(encoded, bytes, out var length))
            {
                return false;
            }

            var decoded = Encoding.UTF8.GetString(bytes, 0, length);
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 && credentials.Matches(decoded.AsSpan(0, colon), decoded.AsSpan(colon + 1));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
