using System.Text.RegularExpressions;

namespace Harness.Platform.Stack;

/// <summary>DNS-1123 label rule, which OpenFaaS applies to function names and namespaces (secrets: <see cref="Contracts.SecretName"/>).</summary>
public static partial class DnsName
{
    internal const int MaxLabelLength = 63;

    /// <summary>Whether <paramref name="name"/> is a DNS-1123 label: 1 to 63 lower-case letters, digits and <c>-</c>, starting and ending with a letter or digit.</summary>
    public static bool IsLabel(string name) => name.Length <= MaxLabelLength && LabelPattern().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex LabelPattern();
}
