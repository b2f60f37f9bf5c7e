using Harness.Node;
using Harness.Scenarios;
using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios;

/// <summary>Reads a scenario file's <c>node:</c> section with the scenario parser's reader, so errors carry file, line and column.</summary>
internal static class NodeScenarioSection
{
    private static readonly string[] Keys = ["target", "size", "blockSize", "dir", "fio", "etcd", "puts", "lab", "connections", "rate", "duration", "expectedRate"];

    public static NodeScenarioOptions Read(YamlFieldReader r, YamlNode node, string scenarioFile)
    {
        var m = r.Mapping(node, "node", Keys);
        var options = new NodeScenarioOptions();
        if (r.String(m, "target", "node") is { } target)
        {
            options = options with { Target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(scenarioFile)) ?? ".", target)) };
            if (!File.Exists(options.Target))
            {
                r.Error(m["target"], "node.target", $"no target file {options.Target}");
            }
        }

        if (r.String(m, "size", "node") is { } size)
        {
            if (ByteSize.TryParse(size, out var bytes))
            {
                options = options with { SizeBytes = bytes };
            }
            else
            {
                r.Error(m["size"], "node.size", $"'{size}' is not a size (e.g. 22m, 512k)");
            }
        }

        if (r.String(m, "dir", "node") is { } dir)
        {
            if (!dir.StartsWith('/'))
            {
                r.Error(m["dir"], "node.dir", "must be an absolute path on the node");
            }

            options = options with { Directory = dir };
        }

        return options with
        {
            BlockSize = (int?)Positive(r, m, "blockSize") ?? options.BlockSize,
            Fio = r.Boolean(m, "fio", "node") ?? options.Fio,
            Etcd = r.Boolean(m, "etcd", "node") ?? options.Etcd,
            Puts = (int?)Positive(r, m, "puts") ?? options.Puts,
            Lab = r.Boolean(m, "lab", "node") ?? options.Lab,
            Connections = (int?)Positive(r, m, "connections") ?? options.Connections,
            Rate = PositiveNumber(r, m, "rate") ?? options.Rate,
            Duration = PositiveDuration(r, m, "duration") ?? options.Duration,
            ExpectedRate = PositiveNumber(r, m, "expectedRate"),
        };
    }

    private static double? PositiveNumber(YamlFieldReader r, Dictionary<string, YamlNode> m, string key)
    {
        var value = r.Number(m, key, "node");
        if (value is { } v && !(v > 0 && double.IsFinite(v)))
        {
            r.Error(m[key], $"node.{key}", "expected a number greater than 0");
            return null;
        }

        return value;
    }

    private static TimeSpan? PositiveDuration(YamlFieldReader r, Dictionary<string, YamlNode> m, string key)
    {
        var value = r.Duration(m, key, "node");
        if (value is { } v && v <= TimeSpan.Zero)
        {
            r.Error(m[key], $"node.{key}", "expected a duration greater than 0, such as 10s");
            return null;
        }

        return value;
    }

    private static long? Positive(YamlFieldReader r, Dictionary<string, YamlNode> m, string key)
    {
        var value = r.Integer(m, key, "node");
        if (value is <= 0 or > int.MaxValue)
        {
            r.Error(m[key], $"node.{key}", "expected a positive whole number");
            return null;
        }

        return value;
    }
}
