using System.Text.RegularExpressions;

namespace Harness.Platform.Kubernetes;

/// <summary>
/// The API server's own name and syntax rules (k8s.io/apimachinery validation), checked before a call so a bad
/// function is a 400 naming every problem instead of a 422 for the first object (and a half-created function).
/// </summary>
internal static partial class KubernetesValidation
{
    public const int LabelMaxLength = 63;
    public const int SubdomainMaxLength = 253;

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex QualifiedPart();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex EnvName();

    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex SecretKey();

    /// <summary>A Service name (DNS-1035 label).</summary>
    public static string? Dns1035Label(string value)
    {
        if (value.Length > LabelMaxLength)
        {
            return $"must be no more than {LabelMaxLength} characters";
        }

        return Dns1035().IsMatch(value) ? null : "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
    }

    /// <summary>A volume or port name (DNS-1123 label).</summary>
    public static string? Dns1123(string value)
    {
        if (value.Length > LabelMaxLength)
        {
            return $"must be no more than {LabelMaxLength} characters";
        }

        return Dns1123Label().IsMatch(value) ? null : "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
    }

    /// <summary>A Deployment or Secret name (DNS-1123 subdomain).</summary>
    public static string? Subdomain(string value)
    {
        if (value.Length > SubdomainMaxLength)
        {
            return $"must be no more than {SubdomainMaxLength} characters";
        }

        return Dns1123Subdomain().IsMatch(value) ? null : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    }

    /// <summary>A label or annotation key: an optional DNS-1123 subdomain prefix and '/', then a name of at most 63 characters.</summary>
    public static string? QualifiedName(string key)
    {
        var parts = key.Split('/');
        string name;
        if (parts.Length == 1)
        {
            name = parts[0];
        }
        else if (parts.Length == 2)
        {
            if (parts[0].Length == 0)
            {
                return "prefix part must be non-empty";
            }

            if (Subdomain(parts[0]) is { } prefix)
            {
                return "prefix part " + prefix;
            }

            name = parts[1];
        }
        else
        {
            return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/'";
        }

        if (name.Length == 0)
        {
            return "name part must be non-empty";
        }

        if (name.Length > LabelMaxLength)
        {
            return $"name part must be no more than {LabelMaxLength} characters";
        }

        return QualifiedPart().IsMatch(name) ? null : "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    }

    /// <summary>A label value (also a nodeSelector value): at most 63 characters, alphanumeric at both ends, may be empty.</summary>
    public static string? LabelValue(string value)
    {
        if (value.Length > LabelMaxLength)
        {
            return $"must be no more than {LabelMaxLength} characters";
        }

        return QualifiedPart().IsMatch(value) ? null : "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    }

    /// <summary>An environment variable name as the API accepts it.</summary>
    public static string? EnvVarName(string name) =>
        EnvName().IsMatch(name) ? null : "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";

    /// <summary>A Secret data key (also the file name it is projected as).</summary>
    public static string? SecretDataKey(string key)
    {
        if (key.Length > SubdomainMaxLength)
        {
            return $"must be no more than {SubdomainMaxLength} characters";
        }

        return SecretKey().IsMatch(key) && key is not ("." or "..") ? null : "a valid config key must consist of alphanumeric characters, '-', '_' or '.'";
    }
}
