using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Harness.Reports.Dataset;

/// <summary>The public-cloud FaaS figures (cold starts, limits, prices) the comparison section draws, each with its sources.</summary>
internal sealed class ReferenceDataset
{
    /// <summary>The copy shipped with Harness (embedded resource; also copied next to the assembly as Data/public-cloud-faas.yml).</summary>
    public const string BuiltInName = "Harness.Reports.Data.public-cloud-faas.yml";

    // The built-in copy never changes, so it is parsed once per process (it is ~70 KB of YAML).
    private static readonly Lazy<ReferenceDataset> BuiltIn = new(LoadBuiltIn);

    private readonly Dictionary<string, ReferenceEntry> _byId;

    private ReferenceDataset(ReferenceFile file, string origin)
    {
        Meta = file.Meta;
        Entries = file.Entries;
        Origin = origin;
        _byId = file.Entries.Where(e => e.Id.Length > 0).GroupBy(e => e.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
    }

    public ReferenceMeta Meta { get; }
    public IReadOnlyList<ReferenceEntry> Entries { get; }
    /// <summary>"built-in" or the file the user pointed to.</summary>
    public string Origin { get; }

    public ReferenceEntry? this[string id] => _byId.GetValueOrDefault(id);

    /// <summary>Loads the user's copy when a path is given, otherwise the built-in one.</summary>
    public static ReferenceDataset Load(string? path = null)
    {
        if (path is null)
        {
            return BuiltIn.Value;
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException($"{path}: dataset file not found", path);
        }

        return Parse(Harness.Platform.Files.UserFile.ReadAllText(path), path);
    }

    public static ReferenceDataset Parse(string yaml, string origin)
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        ReferenceFile? file;
        try
        {
            file = deserializer.Deserialize<ReferenceFile>(yaml);
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{origin}: line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        if (file is null || file.Entries.Count == 0)
        {
            throw new InvalidDataException($"{origin}: no entries; expected a YAML mapping with 'meta' and a list 'entries'");
        }

        var errors = file.Entries.Select((e, i) => (e, i))
            .Where(x => string.IsNullOrWhiteSpace(x.e.Id) || x.e.Source.Count == 0)
            .Select(x => $"{origin}: entries[{x.i}] ({(x.e.Id.Length == 0 ? "no id" : x.e.Id)}): every entry needs an id and at least one source")
            .ToList();
        if (errors.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, errors));
        }

        return new ReferenceDataset(file, origin);
    }

    private static ReferenceDataset LoadBuiltIn()
    {
        using var stream = typeof(ReferenceDataset).Assembly.GetManifestResourceStream(BuiltInName)
            ?? throw new InvalidOperationException($"The built-in dataset resource {BuiltInName} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), "built-in");
    }
}
