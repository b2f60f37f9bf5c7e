using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>
/// The subset of the API server's object validation the provider's objects meet, with its messages, so a bad
/// function gets the 422 a real cluster answers (written here independently of the provider's own checks).
/// </summary>
internal static partial class FakeValidation
{
    private const string Dns1035Message = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelValueMessage = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    private const string QualifiedMessage = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string EnvMessage = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex Qualified();

    [GeneratedRegex("^[-._a-zA-Z][-._a-zA-Z0-9]*$")]
    private static partial Regex Env();

    /// <summary>The 422 Status the API writes for <paramref name="obj"/>, or null when it is valid.</summary>
    public static JsonObject? Check(string resource, string kindQualified, JsonObject obj, JsonObject? previous)
    {
        var causes = new List<(string Field, string Value, string Message)>();
        var name = obj["metadata"]?["name"]?.GetValue<string>() ?? "";
        switch (resource)
        {
            case "services":
                Label(causes, "metadata.name", name, Dns1035(), Dns1035Message);
                break;
            case "namespaces":
                Label(causes, "metadata.name", name, Dns1123(), Dns1123LabelMessage);
                break;
            default:
                if (name.Length > 253)
                {
                    causes.Add(("metadata.name", name, "must be no more than 253 characters"));
                }
                else if (!Subdomain().IsMatch(name))
                {
                    causes.Add(("metadata.name", name, SubdomainMessage));
                }

                break;
        }

        Meta(causes, "metadata", obj["metadata"]);
        if (resource == "deployments")
        {
            Deployment(causes, obj);
        }

        if (resource == "secrets")
        {
            Secret(causes, obj, previous);
        }

        if (causes.Count == 0)
        {
            return null;
        }

        var parts = causes.Select(c => c.Message.StartsWith("Required", StringComparison.Ordinal) ? $"{c.Field}: {c.Message}" : $"{c.Field}: Invalid value: \"{c.Value}\": {c.Message}").ToList();
        var message = $"{kindQualified} \"{name}\" is invalid: " + (parts.Count == 1 ? parts[0] : "[" + string.Join(", ", parts) + "]");
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Status",
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = "Invalid",
            ["details"] = new JsonObject
            {
                ["name"] = name,
                ["kind"] = kindQualified.Split('.')[0],
                ["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = $"Invalid value: \"{c.Value}\": {c.Message}", ["field"] = c.Field }).ToArray()),
            },
            ["code"] = 422,
        };
    }

    private static void Label(List<(string, string, string)> causes, string field, string value, Regex rule, string message)
    {
        if (value.Length > 63)
        {
            causes.Add((field, value, "must be no more than 63 characters"));
        }
        else if (!rule.IsMatch(value))
        {
            causes.Add((field, value, message));
        }
    }

    private static void Meta(List<(string, string, string)> causes, string at, JsonNode? metadata)
    {
        foreach (var (key, value) in metadata?["labels"] as JsonObject ?? [])
        {
            Key(causes, $"{at}.labels", key);
            var text = value?.GetValue<string>() ?? "";
            if (text.Length > 63)
            {
                causes.Add(($"{at}.labels", text, "must be no more than 63 characters"));
            }
            else if (!Qualified().IsMatch(text))
            {
                causes.Add(($"{at}.labels", text, LabelValueMessage));
            }
        }

        foreach (var (key, _) in metadata?["annotations"] as JsonObject ?? [])
        {
            Key(causes, $"{at}.annotations", key);
        }
    }

    private static void Key(List<(string, string, string)> causes, string field, string key)
    {
        var parts = key.Split('/');
        var name = parts[^1];
        if (parts.Length > 2 || (parts.Length == 2 && !Subdomain().IsMatch(parts[0])))
        {
            causes.Add((field, key, "prefix part " + SubdomainMessage));
        }
        else if (name.Length == 0 || name.Length > 63)
        {
            causes.Add((field, key, "name part must be no more than 63 characters"));
        }
        else if (!Qualified().IsMatch(name))
        {
            causes.Add((field, key, QualifiedMessage));
        }
    }

    private static void Deployment(List<(string, string, string)> causes, JsonObject obj)
    {
        var template = obj["spec"]?["template"];
        Meta(causes, "spec.template.metadata", template?["metadata"]);
        var pod = template?["spec"];
        var volumes = pod?["volumes"] as JsonArray ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            Label(causes, $"spec.template.spec.volumes[{i}].name", volumes[i]?["name"]?.GetValue<string>() ?? "", Dns1123(), Dns1123LabelMessage);
        }

        foreach (var (key, value) in pod?["nodeSelector"] as JsonObject ?? [])
        {
            Key(causes, "spec.template.spec.nodeSelector", key);
            var text = value?.GetValue<string>() ?? "";
            if (!Qualified().IsMatch(text) || text.Length > 63)
            {
                causes.Add(("spec.template.spec.nodeSelector", text, LabelValueMessage));
            }
        }

        var containers = pod?["containers"] as JsonArray ?? [];
        for (var c = 0; c < containers.Count; c++)
        {
            var env = containers[c]?["env"] as JsonArray ?? [];
            for (var e = 0; e < env.Count; e++)
            {
                var envName = env[e]?["name"]?.GetValue<string>() ?? "";
                if (!Env().IsMatch(envName))
                {
                    causes.Add(($"spec.template.spec.containers[{c}].env[{e}].name", envName, EnvMessage));
                }
            }

            var resources = containers[c]?["resources"];
            foreach (var resource in new[] { "cpu", "memory" })
            {
                var request = resources?["requests"]?[resource]?.ToString();
                var limit = resources?["limits"]?[resource]?.ToString();
                if (request is null || limit is null)
                {
                    continue;
                }

                if (Quantity(request) > Quantity(limit))
                {
                    causes.Add(($"spec.template.spec.containers[{c}].resources.requests", request, $"must be less than or equal to {resource} limit"));
                }
            }
        }
    }

    private static void Secret(List<(string, string, string)> causes, JsonObject obj, JsonObject? previous)
    {
        var type = obj["type"]?.GetValue<string>() ?? "Opaque";
        var before = previous?["type"]?.GetValue<string>() ?? "Opaque";
        if (previous is not null && type != before)
        {
            causes.Add(("type", type, "field is immutable"));
        }

        if (type == "kubernetes.io/dockerconfigjson" && obj["data"]?[".dockerconfigjson"] is null)
        {
            causes.Add(("data[.dockerconfigjson]", "", "Required value"));
        }
    }

    /// <summary>A quantity's value (enough of the suffixes for comparing requests with limits).</summary>
    private static decimal Quantity(string text)
    {
        var suffixes = new (string Suffix, decimal Factor)[] { ("Ki", 1024m), ("Mi", 1024m * 1024), ("Gi", 1024m * 1024 * 1024), ("k", 1000m), ("M", 1e6m), ("G", 1e9m), ("m", 0.001m) };
        foreach (var (suffix, factor) in suffixes)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal))
            {
                return decimal.Parse(text[..^suffix.Length], CultureInfo.InvariantCulture) * factor;
            }
        }

        return decimal.Parse(text, CultureInfo.InvariantCulture);
    }
}
