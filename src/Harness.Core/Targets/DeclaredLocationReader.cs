using EvidenceItem = Harness.Results.Evidence;
using Harness.Compliance.Evidence;
using Harness.Compliance.Jurisdiction;
using Harness.Platform.Contracts;
using YamlDotNet.RepresentationModel;

namespace Harness.Targets;

/// <summary>
/// A target's <c>location</c> as the compliance check reads it: a mapping (country, city, datacenter, provider) or text
/// such as "NO / Oslo", with the country as an ISO 3166-1 code and where the file declared it.
/// </summary>
internal static class DeclaredLocationReader
{
    public static DeclaredLocation? Read(YamlNode? node, string path, List<Diagnostic> errors)
    {
        if (node is null)
        {
            return null;
        }

        var where = $"{path}:{node.Start.Line}:{node.Start.Column}";
        switch (node)
        {
            case YamlScalarNode { Value: { Length: > 0 } s }:
                var first = s.Split(['/', ',', ' '], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                return Declared(CountryCodes.TryNormalize(first, out var code) ? code : null, s, where);
            case YamlMappingNode map:
                string? Get(string key) => map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;
                var raw = Get("country");
                string? country = null;
                if (raw is not null && !CountryCodes.TryNormalize(raw, out country))
                {
                    var at = map.Children[new YamlScalarNode("country")];
                    errors.Add(new Diagnostic(path, (int)at.Start.Line, (int)at.Start.Column, "location.country", $"\"{raw}\" is not an ISO 3166-1 alpha-2 code"));
                    return null;
                }

                var text = string.Join(" / ", new[] { country, Get("city"), Get("datacenter"), Get("provider") }.Where(x => !string.IsNullOrEmpty(x)));
                return Declared(country, text, where);
            default:
                return null; // the parser reports a location that is neither text nor a mapping
        }
    }

    private static DeclaredLocation Declared(string? country, string text, string where)
        => new(country, text, new EvidenceItem("target", $"location: {text} (declared, not verified)", where));
}
