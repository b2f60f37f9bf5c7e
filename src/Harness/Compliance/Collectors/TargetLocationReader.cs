using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>
/// Reads the two keys of a target file the compliance check uses and ignores the rest (the load engine owns the format):
/// <c>location</c> (a mapping with country/city/provider, or a string like "NO / Oslo") and <c>policy</c> (a path).
/// </summary>
internal static class TargetLocationReader
{
    public sealed record Result(DeclaredLocation? Location, string? PolicyPath);

    /// <summary>Throws <see cref="InvalidDataException"/> with file:line:col on unreadable YAML or a bad country code.</summary>
    public static Result Read(string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{path}:{ex.Start.Line}:{ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new InvalidDataException($"{path}:1:1: a target file is a mapping");
        }

        string? policy = null;
        if (root.Children.TryGetValue(new YamlScalarNode("policy"), out var policyNode))
        {
            if (policyNode is not YamlScalarNode { Value: { Length: > 0 } p })
            {
                throw new InvalidDataException($"{path}:{policyNode.Start.Line}:{policyNode.Start.Column}: policy: must be a path to a policy file");
            }

            policy = Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, p));
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("location"), out var node))
        {
            return new Result(null, policy);
        }

        var where = $"{path}:{node.Start.Line}:{node.Start.Column}";
        string? country;
        string text;
        switch (node)
        {
            case YamlScalarNode { Value: { Length: > 0 } s }:
                text = s;
                var first = s.Split(['/', ',', ' '], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                country = CountryCodes.TryNormalize(first, out var code) ? code : null;
                break;
            case YamlMappingNode map:
                string? Get(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
                var raw = Get("country");
                country = null;
                if (raw is not null && !CountryCodes.TryNormalize(raw, out country))
                {
                    var at = map.Children[new YamlScalarNode("country")];
                    throw new InvalidDataException($"{path}:{at.Start.Line}:{at.Start.Column}: location.country: \"{raw}\" is not an ISO 3166-1 alpha-2 code");
                }

                text = string.Join(" / ", new[] { country, Get("city"), Get("datacenter"), Get("provider") }.Where(x => !string.IsNullOrEmpty(x)));
                break;
            default:
                throw new InvalidDataException($"{where}: location: must be a mapping (country, city, provider) or a string like \"NO / Oslo\"");
        }

        return new Result(new DeclaredLocation(country, text, new EvidenceItem("target", $"location: {text} (declared, not verified)", where)), policy);
    }
}
