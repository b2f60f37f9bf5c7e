using StackQuantity = Harness.Platform.Stack.ResourceQuantity;

namespace Harness.Platform.Kubernetes;

/// <summary>Turns stack-file quantities into ones Kubernetes reads the same way the local provider does.</summary>
internal static class KubernetesQuantities
{
    /// <summary>
    /// Memory: a lower-case <c>m</c> or <c>g</c> means MiB or GiB in stack files (Docker's usage, which the local
    /// provider follows); Kubernetes would read <c>128m</c> as 0.128 bytes, so it is rewritten to <c>128Mi</c>.
    /// Null when the text is not a quantity.
    /// </summary>
    public static string? Memory(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length > 1 && trimmed[^1] is 'm' or 'g' && char.IsDigit(trimmed[^2]))
        {
            trimmed = trimmed[..^1] + (trimmed[^1] == 'm' ? "Mi" : "Gi");
        }

        return StackQuantity.IsValid(trimmed) ? trimmed : null;
    }

    /// <summary>CPU: cores or millicores pass through unchanged; null when the text is not a quantity.</summary>
    public static string? Cpu(string text)
    {
        var trimmed = text.Trim();
        return StackQuantity.TryParseMilliCpu(trimmed, out _) ? trimmed : null;
    }
}
