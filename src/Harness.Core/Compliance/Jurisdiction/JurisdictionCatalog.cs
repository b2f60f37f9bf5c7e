using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Harness.Compliance.Jurisdiction;

/// <summary>The project's operator and domain-suffix data (Compliance/Data/jurisdictions.yml, embedded).</summary>
internal sealed class JurisdictionCatalog
{
    private const string ResourceName = "Harness.Compliance.Data.jurisdictions.yml";

    public JurisdictionCatalog(IReadOnlyList<ServiceOperator> operators, IReadOnlyDictionary<string, string> sources)
    {
        Operators = operators;
        Sources = sources;
    }

    public IReadOnlyList<ServiceOperator> Operators { get; }

    /// <summary>Source id to its citation.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    public static JurisdictionCatalog Default { get; } = LoadEmbedded();

    public ServiceOperator? FindOperator(string id)
        => Operators.FirstOrDefault(o => string.Equals(o.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>The operator whose suffix matches the host on a label boundary; the longest suffix wins.</summary>
    public (ServiceOperator Operator, DomainSuffix Suffix)? Match(string host)
    {
        host = host.TrimEnd('.').ToLowerInvariant();
        (ServiceOperator, DomainSuffix)? best = null;
        var bestLength = -1;
        foreach (var op in Operators)
        {
            foreach (var suffix in op.Suffixes)
            {
                if (HostNames.MatchesSuffix(host, suffix.Suffix) && suffix.Suffix.Length > bestLength)
                {
                    best = (op, suffix);
                    bestLength = suffix.Suffix.Length;
                }
            }
        }

        return best;
    }

    private static JurisdictionCatalog LoadEmbedded()
    {
        using var stream = typeof(JurisdictionCatalog).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd());
    }

    internal static JurisdictionCatalog Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var sources = ((YamlMappingNode)root["sources"]).Children
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value!, StringComparer.Ordinal);
        var operators = new List<ServiceOperator>();
        foreach (var item in ((YamlSequenceNode)root["operators"]).Children.Cast<YamlMappingNode>())
        {
            var suffixes = ((YamlSequenceNode)item["suffixes"]).Children.Cast<YamlMappingNode>()
                .Select(s => new DomainSuffix(
                    Scalar(s, "suffix"),
                    bool.Parse(Scalar(s, "source_checked")),
                    sources.TryGetValue(Scalar(s, "source"), out var citation) ? citation : Scalar(s, "source")))
                .ToList();
            operators.Add(new ServiceOperator
            {
                Id = Scalar(item, "id"),
                Name = Scalar(item, "name"),
                Headquarters = Scalar(item, "hq"),
                HeadquartersSourceChecked = bool.Parse(Scalar(item, "hq_source_checked")),
                Suffixes = suffixes,
            });
        }

        return new JurisdictionCatalog(operators, sources);
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;
}
