using Harness.Platform.Contracts;

namespace Harness.Cli.Client;

/// <summary>
/// faas-cli's deploy flags laid over a stack function's deployment: <c>--env</c>, <c>--label</c> and <c>--annotation</c>
/// win over the stack's values, <c>--secret</c> adds to its secrets, <c>--constraint</c> applies only where the stack has none.
/// </summary>
internal static class DeployOverrides
{
    /// <summary>Every malformed <c>KEY=VALUE</c> among the flags; faas-cli refuses an empty key or an empty value.</summary>
    public static IReadOnlyList<string> Problems(DeploySettings settings)
    {
        var errors = new List<string>();
        Check(errors, "--env", settings.Env);
        Check(errors, "--label", settings.Label);
        Check(errors, "--annotation", settings.Annotation);
        errors.AddRange(settings.Secret.Where(string.IsNullOrWhiteSpace).Select(_ => "--secret needs a secret name"));
        return errors;
    }

    public static FunctionDeployment Apply(FunctionDeployment deployment, DeploySettings settings)
    {
        var secrets = (deployment.Secrets ?? []).Concat(settings.Secret).Distinct(StringComparer.Ordinal).ToList();
        return deployment with
        {
            Namespace = string.IsNullOrEmpty(settings.Namespace) ? deployment.Namespace : settings.Namespace,
            EnvVars = Merge(deployment.EnvVars, settings.Env),
            Labels = Merge(deployment.Labels, settings.Label),
            Annotations = Merge(deployment.Annotations, settings.Annotation),
            Secrets = secrets.Count == 0 ? deployment.Secrets : secrets,
            Constraints = deployment.Constraints is { Count: > 0 } || settings.Constraint.Length == 0 ? deployment.Constraints : settings.Constraint,
            ReadOnlyRootFilesystem = deployment.ReadOnlyRootFilesystem || settings.ReadOnly,
        };
    }

    /// <summary>The deployment <c>deploy --image IMG --name NAME</c> sends: only what the flags say.</summary>
    public static FunctionDeployment FromFlags(DeploySettings settings) =>
        Apply(new FunctionDeployment
        {
            Service = settings.Name ?? "",
            Image = settings.Image ?? "",
            EnvProcess = string.IsNullOrEmpty(settings.FProcess) ? null : settings.FProcess,
        }, settings);

    private static IReadOnlyDictionary<string, string>? Merge(IReadOnlyDictionary<string, string>? stack, string[] flags)
    {
        if (flags.Length == 0)
        {
            return stack;
        }

        var merged = stack is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(stack, StringComparer.Ordinal);
        foreach (var (key, value) in Parse(flags))
        {
            merged[key] = value;
        }

        return merged;
    }

    private static IEnumerable<(string Key, string Value)> Parse(string[] flags)
    {
        foreach (var flag in flags)
        {
            var text = flag.Trim();
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            yield return (text[..equals], text[(equals + 1)..]);
        }
    }

    private static void Check(List<string> errors, string option, string[] flags)
    {
        foreach (var flag in flags)
        {
            var text = flag.Trim();
            var equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                errors.Add($"{option} '{flag}' is not KEY=VALUE");
            }
            else if (equals == 0)
            {
                errors.Add($"{option} '{flag}' has an empty key");
            }
            else if (equals == text.Length - 1)
            {
                errors.Add($"{option} '{flag}' has an empty value");
            }
        }
    }
}
