using System.Text.RegularExpressions;

namespace Harness.Platform.Stack;

/// <summary>DNS-1123 label rule, which OpenFaaS applies to function names and namespaces (secrets: <see cref="Contracts.SecretName"/>).</summary>
public static partial class DnsName
{
    public const int MaxLabelLength = 63;

    public static bool IsLabel(string name) => name.Length <= MaxLabelLength && LabelPattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
