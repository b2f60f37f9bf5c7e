using Harness.Platform.Contracts;
using Harness.Platform.Gateway.Scaling;

namespace Harness.Platform.Gateway;

/// <summary>Checks a <see cref="FunctionDeployment"/> from HTTP and collects every problem, not only the first.</summary>
internal static class DeploymentValidator
{
    public static IReadOnlyList<string> Validate(FunctionDeployment deployment)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(deployment.Service)) errors.Add("service is required");
        else if (!FunctionNames.IsDns1123Label(deployment.Service))
        {
            errors.Add($"service '{deployment.Service}' is not a valid function name: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
        }

        if (string.IsNullOrWhiteSpace(deployment.Image)) errors.Add("image is required");
        if (deployment.Namespace is { Length: > 0 } ns && !FunctionNames.IsDns1123Label(ns)) errors.Add($"namespace '{ns}' is not a valid namespace");

        if (deployment.EnvVars is { } env)
        {
            foreach (var name in env.Keys)
            {
                if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
                {
                    errors.Add($"envVars key '{name}' is not a valid environment variable name");
                }
            }
        }

        if (deployment.Secrets is { } secrets)
        {
            foreach (var secret in secrets)
            {
                if (!FunctionNames.IsDns1123Label(secret)) errors.Add($"secrets entry '{secret}' is not a valid secret name");
            }
        }

        ScalingPolicy.From(deployment.Labels, TimeSpan.Zero, errors);
        Quantity(deployment.Limits, "limits", errors);
        Quantity(deployment.Requests, "requests", errors);
        return errors;
    }

    private static void Quantity(FunctionResources? resources, string field, List<string> errors)
    {
        if (resources is null) return;
        if (resources.Memory is { Length: > 0 } m && !LooksLikeQuantity(m)) errors.Add($"{field}.memory '{m}' is not a quantity (e.g. 128Mi, 128m, 1G)");
        if (resources.Cpu is { Length: > 0 } c && !LooksLikeQuantity(c)) errors.Add($"{field}.cpu '{c}' is not a quantity (e.g. 500m, 0.5, 1)");
    }

    // The provider turns quantities into limits; here only the shape is checked, so a typo is a 400 and not a silent no-limit.
    private static bool LooksLikeQuantity(string value)
    {
        var s = value.Trim();
        var i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
        if (i == 0) return false;
        var suffix = s[i..];
        return suffix is "" or "m" or "k" or "K" or "M" or "G" or "T" or "Ki" or "Mi" or "Gi" or "Ti" or "Kb" or "Mb" or "Gb" or "b" or "B";
    }
}
