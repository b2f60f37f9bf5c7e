using System.Text.RegularExpressions;

namespace Harness.Platform.Stack;

/// <summary>DNS-1123 name rules, which OpenFaaS applies to function names, namespaces and secrets.</summary>
public static partial class DnsName
{
    public const int MaxLabelLength = 63;

    public static bool IsLabel(string name) => name.Length <= MaxLabelLength && LabelPattern().IsMatch(name);

    /// <summary>DNS-1123 subdomain (dots allowed), the rule for Kubernetes secret names.</summary>
    public static bool IsSubdomain(string name) => name.Length <= 253 && SubdomainPattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex SubdomainPattern();
}
