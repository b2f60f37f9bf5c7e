using Harness.Platform.Contracts;
using Harness.Platform.Stack;

namespace Harness.Platform.Gateway;

/// <summary>Checks a <see cref="FunctionDeployment"/> from HTTP and collects every problem, not only the first.</summary>
internal static class DeploymentValidator
{
    public static IReadOnlyList<string> Validate(FunctionDeployment deployment)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(deployment.Service))
        {
            errors.Add("service is required");
        }
        else if (!FunctionNames.IsDns1123Label(deployment.Service))
        {
            errors.Add($"service '{deployment.Service}' is not a valid function name: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters");
        }

        if (string.IsNullOrWhiteSpace(deployment.Image))
        {
            errors.Add("image is required");
        }

        if (deployment.Namespace is { Length: > 0 } ns && !FunctionNames.IsDns1123Label(ns))
        {
            errors.Add($"namespace '{ns}' is not a valid namespace");
        }

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
                if (SecretName.Problem(secret) is { } problem)
                {
                    errors.Add("secrets: " + problem);
                }
            }
        }

        ScalingPolicy.From(deployment.Labels, TimeSpan.Zero, errors);
        Quantity(deployment.Limits, "limits", errors);
        Quantity(deployment.Requests, "requests", errors);
        return errors;
    }

    private static void Quantity(FunctionResources? resources, string field, List<string> errors)
    {
        if (resources is null)
        {
            return;
        }
        // The same parser as validate and the provider: what the gateway accepts, the provider can apply.
        var limit = field == "limits";
        if (resources.Memory is { Length: > 0 } m && Stack.ResourceQuantity.CheckMemory(m, limit, out _) is { } memoryError)
        {
            errors.Add($"{field}.memory: {memoryError}");
        }

        if (resources.Cpu is { Length: > 0 } c && Stack.ResourceQuantity.CheckCpu(c, limit, out _) is { } cpuError)
        {
            errors.Add($"{field}.cpu: {cpuError}");
        }
    }
}
