using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Harness.Compliance.Jurisdiction;
using Harness.Platform.Contracts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Compliance.Policy;

/// <summary>Reads a policy file strictly: unknown keys, bad codes and unknown operators are errors, all reported at once.</summary>
internal static partial class PolicyLoader
{
    private static readonly string[] TopKeys = ["name", "description", "fail_at", "jurisdictions", "registries", "domains", "operators", "node_regions", "require"];
    private static readonly string[] RequireKeys = ["ingress_tls", "system_auth", "memory_limit", "readonly_root_filesystem", "non_root", "aligned_timeouts"];

    public static async Task<ResidencyPolicy> LoadAsync(string path, JurisdictionCatalog catalog, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await Harness.Platform.Files.UserFile.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PolicyLoadException([new Diagnostic(path, 0, 0, "(file)", ex.Message)]);
        }

        return Parse(bytes, path, catalog);
    }

    /// <summary>Parses and validates; throws <see cref="PolicyLoadException"/> with every error found.</summary>
    public static ResidencyPolicy Parse(byte[] bytes, string file, JurisdictionCatalog catalog)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var reader = new Reader(file, catalog);
        var policy = reader.Read(Encoding.UTF8.GetString(bytes), hash);
        if (reader.Errors.Count > 0 || policy is null)
        {
            throw new PolicyLoadException(reader.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        }

        return policy;
    }

    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:[0-9]{1,5})?$")]
    private static partial Regex HostPattern();

    private sealed class Reader(string file, JurisdictionCatalog catalog)
    {
        public List<Diagnostic> Errors { get; } = [];

        public ResidencyPolicy? Read(string text, string hash)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException ex)
            {
                Errors.Add(new Diagnostic(file, (int)ex.Start.Line, (int)ex.Start.Column, "(yaml)", ex.InnerException?.Message ?? ex.Message));
                return null;
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
            {
                Errors.Add(new Diagnostic(file, 1, 1, "(root)", "a policy is a mapping with at least name and jurisdictions"));
                return null;
            }

            if (YamlDocuments.Extra(stream, file, "policy file") is { } extra)
            {
                Errors.Add(extra);
            }

            CheckKeys(root, TopKeys, string.Empty);
            var name = RequiredString(root, "name");
            var description = OptionalString(root, "description");
            var failAt = Severity.Medium;
            if (Child(root, "fail_at") is { } failNode && Scalar(failNode, "fail_at") is { } failText
                && !SeverityNames.TryParse(failText, out failAt))
            {
                Error(failNode, "fail_at", $"\"{failText}\" is not a severity; use one of {SeverityNames.Allowed}");
            }

            var jurisdictions = ReadSection(root, "jurisdictions", ["allowed"]);
            var allowedCodes = new HashSet<string>(StringComparer.Ordinal);
            var jurisdictionNode = jurisdictions is null ? null : Child(jurisdictions, "allowed");
            if (jurisdictionNode is null)
            {
                Error(jurisdictions ?? (YamlNode)root, "jurisdictions.allowed", "required: the ISO 3166-1 alpha-2 codes data may stay in (e.g. [NO])");
            }

            var listed = 0;
            foreach (var (node, value, field) in List(jurisdictionNode, "jurisdictions.allowed"))
            {
                listed++;
                if (CountryCodes.TryNormalize(value, out var code))
                {
                    allowedCodes.Add(code);
                }
                else
                {
                    Error(node, field, $"\"{value}\" is not an ISO 3166-1 alpha-2 code (EL is accepted for Greece)");
                }
            }

            if (jurisdictionNode is not null && listed == 0)
            {
                Error(jurisdictionNode, "jurisdictions.allowed", "must name at least one country");
            }

            var registries = Hosts(ReadSection(root, "registries", ["allowed"]), "allowed", "registries.allowed");
            var domainsSection = ReadSection(root, "domains", ["allowed", "denied"]);
            var allowedDomains = Hosts(domainsSection, "allowed", "domains.allowed");
            var deniedDomains = Hosts(domainsSection, "denied", "domains.denied");
            var operatorsSection = ReadSection(root, "operators", ["allowed", "denied"]);
            var allowedOperators = Operators(operatorsSection, "allowed", "operators.allowed");
            var deniedOperators = Operators(operatorsSection, "denied", "operators.denied");
            foreach (var both in allowedOperators.Intersect(deniedOperators, StringComparer.OrdinalIgnoreCase))
            {
                Error(operatorsSection!, "operators", $"\"{both}\" is both allowed and denied");
            }

            var regionsSection = ReadSection(root, "node_regions", ["allowed"]);
            var regions = List(regionsSection is null ? null : Child(regionsSection, "allowed"), "node_regions.allowed")
                .Select(x => x.Value).ToList();

            var require = ReadRequire(root);
            if (Errors.Count > 0)
            {
                return null;
            }

            return new ResidencyPolicy
            {
                Name = name!,
                Description = description,
                Hash = hash,
                File = file,
                FailAt = failAt,
                AllowedJurisdictions = allowedCodes,
                AllowedRegistries = registries,
                AllowedDomains = allowedDomains,
                DeniedDomains = deniedDomains,
                AllowedOperators = allowedOperators,
                DeniedOperators = deniedOperators,
                AllowedNodeRegions = regions,
                Require = require,
            };
        }

        private RequiredSettings ReadRequire(YamlMappingNode root)
        {
            var section = ReadSection(root, "require", RequireKeys);
            if (section is null)
            {
                return new RequiredSettings();
            }

            bool Flag(string key)
            {
                if (Child(section, key) is not { } node)
                {
                    return true;
                }

                var text = Scalar(node, "require." + key);
                if (text is null)
                {
                    return true;
                }

                if (bool.TryParse(text, out var value))
                {
                    return value;
                }

                Error(node, "require." + key, $"\"{text}\" is not true or false");
                return true;
            }

            return new RequiredSettings
            {
                IngressTls = Flag("ingress_tls"),
                SystemAuth = Flag("system_auth"),
                MemoryLimit = Flag("memory_limit"),
                ReadOnlyRootFilesystem = Flag("readonly_root_filesystem"),
                NonRoot = Flag("non_root"),
                AlignedTimeouts = Flag("aligned_timeouts"),
            };
        }

        private List<string> Hosts(YamlMappingNode? section, string key, string field)
        {
            var result = new List<string>();
            foreach (var (node, value, itemField) in List(section is null ? null : Child(section, key), field))
            {
                var host = value.Trim().TrimStart('*').TrimStart('.').ToLowerInvariant();
                if (HostPattern().IsMatch(host))
                {
                    result.Add(host);
                }
                else
                {
                    Error(node, itemField, $"\"{value}\" is not a host name or domain suffix");
                }
            }

            return result;
        }

        private List<string> Operators(YamlMappingNode? section, string key, string field)
        {
            var result = new List<string>();
            foreach (var (node, value, itemField) in List(section is null ? null : Child(section, key), field))
            {
                if (catalog.FindOperator(value) is { } op)
                {
                    result.Add(op.Id);
                }
                else
                {
                    Error(node, itemField, $"unknown operator \"{value}\"; known: {string.Join(", ", catalog.Operators.Select(o => o.Id))}");
                }
            }

            return result;
        }

        private YamlMappingNode? ReadSection(YamlMappingNode root, string key, string[] allowedKeys)
        {
            if (Child(root, key) is not { } node)
            {
                return null;
            }

            if (node is not YamlMappingNode mapping)
            {
                Error(node, key, $"must be a mapping with {string.Join(" and ", allowedKeys.Select(k => $"'{k}'"))}");
                return null;
            }

            CheckKeys(mapping, allowedKeys, key + ".");
            return mapping;
        }

        private IEnumerable<(YamlNode Node, string Value, string Field)> List(YamlNode? node, string field)
        {
            if (node is null || (node is YamlScalarNode empty && string.IsNullOrEmpty(empty.Value)))
            {
                yield break;
            }

            if (node is not YamlSequenceNode sequence)
            {
                Error(node, field, "must be a list, e.g. [a, b]");
                yield break;
            }

            var index = 0;
            foreach (var item in sequence.Children)
            {
                var itemField = $"{field}[{index++}]";
                if (item is YamlScalarNode { Value: { Length: > 0 } value })
                {
                    yield return (item, value, itemField);
                }
                else
                {
                    Error(item, itemField, "must be a non-empty string");
                }
            }
        }

        private void CheckKeys(YamlMappingNode mapping, string[] allowed, string prefix)
        {
            foreach (var key in mapping.Children.Keys)
            {
                var name = (key as YamlScalarNode)?.Value ?? "?";
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    Error(key, prefix + name, $"unknown key; allowed here: {string.Join(", ", allowed)}");
                }
            }
        }

        private string? RequiredString(YamlMappingNode root, string key)
        {
            var value = Child(root, key) is { } node ? Scalar(node, key) : null;
            if (string.IsNullOrWhiteSpace(value))
            {
                Error(Child(root, key) ?? root, key, "required and must not be empty");
                return null;
            }

            return value;
        }

        private string? OptionalString(YamlMappingNode root, string key)
            => Child(root, key) is { } node ? Scalar(node, key) : null;

        private string? Scalar(YamlNode node, string field)
        {
            if (node is YamlScalarNode scalar)
            {
                return scalar.Value;
            }

            Error(node, field, "must be a single value");
            return null;
        }

        private static YamlNode? Child(YamlMappingNode mapping, string key)
            => mapping.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

        private void Error(YamlNode node, string field, string message)
            => Errors.Add(new Diagnostic(file, (int)node.Start.Line, (int)node.Start.Column, field, message));
    }
}
