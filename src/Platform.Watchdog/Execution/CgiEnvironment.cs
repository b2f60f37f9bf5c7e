using System.Text;
using Microsoft.AspNetCore.Http;

namespace Harness.Watchdog.Execution;

/// <summary>Builds the CGI-style <c>Http_*</c> variables a forked function sees (spec §3).</summary>
internal static class CgiEnvironment
{
    public static List<KeyValuePair<string, string>> Build(HttpRequest request)
    {
        var vars = new List<KeyValuePair<string, string>>(request.Headers.Count + 6);
        foreach (var header in request.Headers)
        {
            var value = header.Value.Count > 0 ? header.Value[0] ?? "" : "";
            vars.Add(new("Http_" + CanonicalName(header.Key), value));
        }

        vars.Add(new("Http_Method", request.Method));
        if (request.QueryString.HasValue && request.QueryString.Value!.Length > 1)
        {
            vars.Add(new("Http_Query", request.QueryString.Value[1..]));
        }

        var path = request.Path.HasValue ? request.Path.Value! : "";
        if (path.Length > 0)
        {
            vars.Add(new("Http_Path", path));
        }

        var length = request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-1";
        vars.Add(new("Http_ContentLength", length));
        if (request.ContentLength is null)
        {
            // The header-derived Http_Content_Length only exists when the client sent one; classic sets -1 for chunked.
            vars.Add(new("Http_Content_Length", length));
        }

        return vars;
    }

    /// <summary>Go's canonical header form with '-' turned into '_': <c>x-forwarded-by</c> → <c>X_Forwarded_By</c>.</summary>
    public static string CanonicalName(string header)
    {
        var sb = new StringBuilder(header.Length);
        var upper = true;
        foreach (var c in header)
        {
            if (c == '-')
            {
                sb.Append('_');
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            upper = false;
        }

        return sb.ToString();
    }
}
