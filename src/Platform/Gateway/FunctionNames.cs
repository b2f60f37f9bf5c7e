using System.Text.RegularExpressions;
using Harness.Platform.Contracts;
using Microsoft.AspNetCore.Http;

namespace Harness.Platform.Gateway;

/// <summary>Parses function names from routes: <c>name</c> or <c>name.namespace</c> (split on the last dot).</summary>
internal static partial class FunctionNames
{
    /// <summary>Kubernetes DNS-1123 label, which OpenFaaS requires for function names and namespaces.</summary>
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Label();

    public static bool IsDns1123Label(string? value) =>
        value is { Length: > 0 and <= 63 } && Dns1123Label().IsMatch(value);

    /// <summary>The name OpenFaaS's gateway routes on <c>/function/{name}</c> (<c>[-a-zA-Z_0-9.]+</c>).</summary>
    [GeneratedRegex("^[-a-zA-Z_0-9.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex OpenFaasRouteName();

    /// <summary>
    /// Reads the name of an invocation. A name OpenFaaS would route but no function can have (<c>UPPER</c>,
    /// <c>under_score</c>) is, as there, an unknown function: 404 <c>error finding function …</c>. Only a name
    /// OpenFaaS would not route at all is a 400.
    /// </summary>
    public static bool TryParseInvocation(string? routeName, out FunctionKey key, out int status, out string error)
    {
        if (TryParse(routeName, null, out key, out error))
        {
            status = StatusCodes.Status200OK;
            return true;
        }

        if (routeName is not null && OpenFaasRouteName().IsMatch(routeName))
        {
            status = StatusCodes.Status404NotFound;
            error = $"error finding function {routeName}: not found";
            return false;
        }

        status = StatusCodes.Status400BadRequest;
        return false;
    }

    /// <summary>Reads a route name; <paramref name="queryNamespace"/> applies only when the name carries none.</summary>
    public static bool TryParse(string? routeName, string? queryNamespace, out FunctionKey key, out string error)
    {
        key = default;
        if (string.IsNullOrEmpty(routeName))
        {
            error = "invalid function name: empty";
            return false;
        }

        var name = routeName;
        var ns = string.IsNullOrEmpty(queryNamespace) ? PlatformDefaults.FunctionNamespace : queryNamespace;
        var dot = routeName.LastIndexOf('.');
        if (dot >= 0)
        {
            name = routeName[..dot];
            ns = routeName[(dot + 1)..];
        }

        if (!IsDns1123Label(name))
        {
            error = $"invalid function name: '{routeName}' (expected [a-z0-9-], at most 63 characters, optionally followed by .namespace)";
            return false;
        }

        if (!IsDns1123Label(ns))
        {
            error = $"invalid namespace: '{ns}'";
            return false;
        }

        key = new FunctionKey(name, ns);
        error = "";
        return true;
    }
}
