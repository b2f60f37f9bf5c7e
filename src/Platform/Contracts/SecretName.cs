using System.Text.RegularExpressions;

namespace Harness.Platform.Contracts;

/// <summary>
/// The one rule for secret names, applied by the stack file parser, the gateway and every provider. A secret becomes a
/// Kubernetes Secret named after it (faas-netes), so the name must be what the API server accepts for a Secret: a
/// DNS-1123 subdomain. The rule also keeps the name a safe single file name for <c>/var/openfaas/secrets/&lt;name&gt;</c>.
/// </summary>
public static partial class SecretName
{
    /// <summary>Longest name Kubernetes accepts for a Secret.</summary>
    public const int MaxLength = 253;

    /// <summary>What a valid name looks like, for messages.</summary>
    public const string Rule = "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit, with a letter or digit on each side of every '.', at most 253 characters (a Kubernetes Secret name, DNS-1123 subdomain)";

    /// <summary>Why <paramref name="name"/> is not a valid secret name, or null when it is.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "secret name is empty; expected " + Rule;
        }

        if (name.Length > MaxLength)
        {
            return $"secret name is {name.Length} characters long; at most {MaxLength} allowed";
        }

        return Subdomain().IsMatch(name) ? null : $"invalid secret name '{name}': expected {Rule}";
    }

    /// <summary>Whether <paramref name="name"/> is a valid secret name.</summary>
    public static bool IsValid(string? name) => Problem(name) is null;

    // k8s.io/apimachinery IsDNS1123Subdomain.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();
}
