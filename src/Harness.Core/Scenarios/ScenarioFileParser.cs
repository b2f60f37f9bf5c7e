using System.Security.Cryptography;
using System.Text;
using Harness.Load;
using Harness.Platform.Contracts;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Harness.Scenarios;

/// <summary>Reads scenario YAML (k6 executor names, k6-style thresholds) and reports every error with file, line and column.</summary>
public static class ScenarioFileParser
{
    private static readonly string[] TopKeys =
        ["name", "kind", "description", "target", "load", "connections", "thresholds", "stack", "baseline", "coldStart", "churn", "sampleInterval", "node", "regression", "capacity", "distributed"];

    private static readonly string[] TargetKeys = ["url", "function", "path", "method", "headers", "body", "contentType"];

    private static readonly string[] LoadKeys =
        ["model", "rate", "timeUnit", "startRate", "vus", "startVUs", "stages", "duration", "iterations", "preAllocatedVUs", "maxVUs", "warmUp", "timeout"];

    private static readonly string[] ConnectionKeys = ["mode", "max", "connectTimeout"];
    private static readonly string[] ColdStartKeys = ["functions", "repetitions", "warm", "scaleDownTimeout", "invokeTimeout", "method"];
    private static readonly string[] ChurnKeys = ["functions", "cycles", "percent", "delay", "readyTimeout", "prefix", "fprocess", "image", "pollRate"];

    public static ScenarioParseResult ParseFile(string path)
    {
        string text;
        try
        {
            text = Harness.Platform.Files.UserFile.ReadAllText(path);
        }
        // ArgumentException: an empty path or one with a NUL (harness run ""), which is bad input, not a crash.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new(null, [new Diagnostic(path, 0, 0, "", $"cannot read the file: {e.Message}")]);
        }

        return Parse(text, path);
    }

    public static ScenarioParseResult Parse(string text, string file)
    {
        var r = new YamlFieldReader(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            r.Diagnostics.Add(new Diagnostic(file, (int)e.Start.Line, (int)e.Start.Column, "", "YAML syntax error: " + StripMarks(e.Message)));
            return new(null, r.Diagnostics);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode)
        {
            r.Error(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode, "", "a scenario file is a mapping with at least name and kind (or target.url and load)");
            return new(null, r.Diagnostics);
        }

        if (YamlDocuments.Extra(stream, file, "scenario file") is { } extra)
        {
            r.Diagnostics.Add(extra);
        }

        var root = stream.Documents[0].RootNode;
        var top = r.Mapping(root, "", TopKeys);
        var name = r.String(top, "name", "");
        if (string.IsNullOrWhiteSpace(name))
        {
            r.Error(root, "name", "required");
        }

        var kind = r.String(top, "kind", "") ?? ScenarioKinds.Http;
        if (!ScenarioKinds.All.Contains(kind))
        {
            r.Error(top["kind"], "kind", $"unknown kind '{kind}' (use one of: {string.Join(", ", ScenarioKinds.All)})");
        }

        var target = r.Mapping(top.GetValueOrDefault("target"), "target", TargetKeys);
        var url = r.String(target, "url", "target");
        Uri? uri = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            r.Error(target["url"], "target.url", $"'{url}' is not an http(s) URL");
            uri = null;
        }

        var function = r.String(target, "function", "target");
        if (url is not null && function is not null)
        {
            r.Error(target["function"], "target.function", "give either target.url or target.function, not both");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (target.TryGetValue("headers", out var headerNode))
        {
            if (headerNode is YamlMappingNode hm)
            {
                foreach (var (k, v) in hm.Children)
                {
                    if (r.Key(k, "target.headers") is not { } headerName)
                    {
                        continue;
                    }

                    var headerField = $"target.headers.{headerName}";
                    if (v is not YamlScalarNode { Value: var headerValue })
                    {
                        r.Error(v, headerField, "expected a text value (send several values as one, comma-separated)");
                    }
                    else if (HttpSyntax.HeaderProblem(headerName, headerValue ?? "") is { } problem)
                    {
                        r.Error(HttpSyntax.IsToken(headerName) ? v : k, headerField, problem);
                    }
                    else
                    {
                        headers[headerName] = headerValue ?? "";
                    }
                }
            }
            else
            {
                r.Error(headerNode, "target.headers", "expected a mapping of header names to values");
            }
        }

        var method = r.String(target, "method", "target")?.ToUpperInvariant();
        if (method is not null && !HttpSyntax.IsToken(method))
        {
            r.Error(target["method"], "target.method", $"'{method}' is not an HTTP method (a token such as GET, POST or PUT: no spaces or control characters)");
        }

        var description = r.String(top, "description", "");
        var baseline = r.Boolean(top, "baseline", "");
        var functionPath = r.String(target, "path", "target");
        var body = r.String(target, "body", "target");
        var contentType = r.String(target, "contentType", "target");
        // HttpStep parses it as a media type when the run starts; refuse here what would fail there.
        if (contentType is not null && (!HttpSyntax.IsFieldValue(contentType) || !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out _)))
        {
            r.Error(target["contentType"], "target.contentType", $"'{contentType}' is not a media type such as application/json");
        }

        var needsUrlOrFunction = kind is ScenarioKinds.Http or ScenarioKinds.Throughput or ScenarioKinds.ConnectionChurn or ScenarioKinds.Capacity;
        if (needsUrlOrFunction && uri is null && function is null && url is null)
        {
            r.Error(top.GetValueOrDefault("target") ?? root, "target", kind is ScenarioKinds.Http or ScenarioKinds.Capacity ? "needs target.url (or target.function)" : "needs target.function");
        }

        var load = top.ContainsKey("load") ? ReadLoad(r, top["load"]) : null;
        if (kind == ScenarioKinds.Capacity && top.ContainsKey("load"))
        {
            r.Error(top["load"], "load", "a capacity scenario plans its own load: give capacity: {startRate, step or factor, stepDuration, maxRate, breaks} instead");
        }

        if (load is null && needsUrlOrFunction && kind != ScenarioKinds.Capacity && !top.ContainsKey("load"))
        {
            r.Error(root, "load", $"a {kind} scenario needs a load section (model, rate or vus, duration)");
        }

        var connections = ReadConnections(r, top.GetValueOrDefault("connections"));
        if (kind == ScenarioKinds.ConnectionChurn)
        {
            connections = connections with { Mode = ConnectionMode.NewPerRequest };
        }

        var thresholds = ReadThresholds(r, top.GetValueOrDefault("thresholds"));
        var stack = r.String(top, "stack", "");
        string? stackPath = null;
        if (stack is not null)
        {
            stackPath = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", stack));
            if (File.Exists(file) && !File.Exists(stackPath))
            {
                r.Error(top["stack"], "stack", $"no such file: {stackPath}");
            }
        }

        var coldStart = kind == ScenarioKinds.ColdStart || top.ContainsKey("coldStart") ? ReadColdStart(r, top.GetValueOrDefault("coldStart"), root) : null;
        var churn = kind == ScenarioKinds.DeploymentChurn || top.ContainsKey("churn") ? ReadChurn(r, top.GetValueOrDefault("churn")) : null;
        var capacity = kind == ScenarioKinds.Capacity || top.ContainsKey("capacity") ? CapacitySection.Read(r, top.GetValueOrDefault("capacity"), root) : null;
        var sampleInterval = r.Duration(top, "sampleInterval", "") ?? TimeSpan.FromMilliseconds(500);
        if (sampleInterval <= TimeSpan.Zero)
        {
            r.Error(top["sampleInterval"], "sampleInterval", "must be greater than 0");
        }

        var tolerance = top.ContainsKey("regression") ? ReadRegressionTolerance(r, top["regression"]) : null;
        var nodeOptions = top.ContainsKey("node") ? Harness.Scenarios.NodeScenarioSection.Read(r, top["node"], file) : null;
        var distributed = Distributed.DistributedSectionReader.Read(r, top.GetValueOrDefault("distributed"), file);
        if (distributed is { Agents: > 1 } or { Runtime: Distributed.DistributedOptions.Kubernetes } && ScenarioKinds.NotDistributable(kind) is { } why)
        {
            r.Error(top["distributed"], "distributed", $"a {kind} scenario cannot be spread over agents: {why}");
        }
        if (r.Diagnostics.Count > 0)
        {
            return new(null, r.Diagnostics);
        }

        return new(new ScenarioDefinition
        {
            File = file,
            Name = name!,
            Kind = kind,
            Description = description,
            Hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))),
            Url = uri,
            Function = function,
            FunctionPath = functionPath,
            Method = method ?? (target.ContainsKey("body") ? "POST" : "GET"),
            Headers = headers,
            Body = body,
            ContentType = contentType,
            Load = load,
            Connections = connections,
            Thresholds = thresholds,
            Stack = stackPath,
            Baseline = baseline ?? true,
            ColdStart = coldStart,
            Churn = churn,
            Capacity = capacity,
            SampleInterval = sampleInterval,
            Node = nodeOptions,
            RegressionTolerance = tolerance,
            Distributed = distributed,
        }, r.Diagnostics);
    }

    /// <summary><c>regression: {tolerance: 10%}</c>: the slowdown of a median harness compare allows before it calls a regression.</summary>
    private static double? ReadRegressionTolerance(YamlFieldReader r, YamlNode node)
    {
        var m = r.Mapping(node, "regression", ["tolerance"]);
        if (r.String(m, "tolerance", "regression") is not { } text)
        {
            return null;
        }

        var value = History.ToleranceText.Parse(text);
        if (value is null)
        {
            r.Error(m["tolerance"], "regression.tolerance", $"'{text}' is not a percentage such as 10%");
        }

        return value;
    }

    private static LoadOptions? ReadLoad(YamlFieldReader r, YamlNode node)
    {
        var m = r.Mapping(node, "load", LoadKeys);
        var modelText = r.String(m, "model", "load");
        LoadModel model = default;
        if (modelText is null)
        {
            r.Error(node, "load.model", $"required (one of: {string.Join(", ", LoadModelNames.All)})");
        }
        else if (!LoadModelNames.TryParse(modelText, out model))
        {
            r.Error(m["model"], "load.model", $"unknown model '{modelText}' (use one of: {string.Join(", ", LoadModelNames.All)})");
            modelText = null;
        }

        var stages = new List<LoadStage>();
        if (m.TryGetValue("stages", out var stagesNode))
        {
            if (stagesNode is YamlSequenceNode seq)
            {
                var i = 0;
                foreach (var item in seq.Children)
                {
                    var field = $"load.stages[{i}]";
                    r.Positions[field] = item;
                    var s = r.Mapping(item, field, ["target", "duration"]);
                    var target = r.Number(s, "target", field);
                    var duration = r.Duration(s, "duration", field);
                    if (target is null || duration is null)
                    {
                        r.Error(item, field, "a stage needs target and duration");
                    }
                    else
                    {
                        stages.Add(new LoadStage(target.Value, duration.Value));
                    }

                    i++;
                }
            }
            else
            {
                r.Error(stagesNode, "load.stages", "expected a list of {target, duration}");
            }
        }

        var options = new LoadOptions
        {
            Model = model,
            Rate = r.Number(m, "rate", "load"),
            TimeUnit = r.Duration(m, "timeUnit", "load") ?? TimeSpan.FromSeconds(1),
            StartRate = r.Number(m, "startRate", "load") ?? 0,
            Vus = (int?)r.Integer(m, "vus", "load"),
            StartVus = (int?)r.Integer(m, "startVUs", "load") ?? 1,
            Stages = stages,
            Duration = r.Duration(m, "duration", "load"),
            Iterations = r.Integer(m, "iterations", "load"),
            PreAllocatedVus = (int?)r.Integer(m, "preAllocatedVUs", "load") ?? LoadDefaults.PreAllocatedVus,
            MaxVus = (int?)r.Integer(m, "maxVUs", "load"),
            WarmUp = r.Duration(m, "warmUp", "load") ?? TimeSpan.Zero,
            Timeout = r.Duration(m, "timeout", "load") ?? LoadDefaults.Timeout,
        };
        if (modelText is null)
        {
            return null;
        }

        foreach (var error in options.Validate())
        {
            var field = "load." + error.Field;
            // A type error on the same field was already reported where it was read.
            if (r.Diagnostics.All(d => d.Field != field))
            {
                r.ErrorAt(field, error.Message);
            }
        }

        return options;
    }

    private static ConnectionPolicy ReadConnections(YamlFieldReader r, YamlNode? node)
    {
        var m = r.Mapping(node, "connections", ConnectionKeys);
        var policy = ConnectionPolicy.Default;
        switch (r.String(m, "mode", "connections"))
        {
            case null or "keep-alive":
                break;
            case "new-per-request" or "new":
                policy = policy with { Mode = ConnectionMode.NewPerRequest };
                break;
            case var other:
                r.Error(m["mode"], "connections.mode", $"unknown mode '{other}' (use keep-alive or new-per-request)");
                break;
        }

        if (r.Integer(m, "max", "connections") is { } max)
        {
            if (max < 1)
            {
                r.Error(m["max"], "connections.max", "must be at least 1");
            }
            else
            {
                policy = policy with { MaxConnections = (int)max };
            }
        }

        if (r.Duration(m, "connectTimeout", "connections") is { } ct)
        {
            policy = policy with { ConnectTimeout = ct };
        }

        return policy;
    }

    /// <summary>A list (or k6's metric: [expressions] mapping) of threshold expressions; errors name <paramref name="field"/>[i].</summary>
    internal static List<string> ReadThresholds(YamlFieldReader r, YamlNode? node, string field = "thresholds")
    {
        var list = new List<string>();
        switch (node)
        {
            case null:
                return list;
            case YamlSequenceNode seq:
                var i = 0;
                foreach (var item in seq.Children)
                {
                    if (item is YamlScalarNode { Value: { } text })
                    {
                        Check(r, item, $"{field}[{i}]", text, list);
                    }
                    else if (item is YamlMappingNode { Children.Count: 1 } one && one.Children.First() is var (k, v) && v is YamlScalarNode vs)
                    {
                        // "- http_req_duration: p(99) < 250ms" reads as a mapping; take it as the metric's threshold.
                        if (r.Key(k, $"{field}[{i}]") is { } metric)
                        {
                            Check(r, item, $"{field}[{i}]", $"{metric}.{vs.Value}", list);
                        }
                    }
                    else
                    {
                        r.Error(item, $"{field}[{i}]", "expected an expression such as 'p99 < 250ms'");
                    }

                    i++;
                }

                return list;
            case YamlMappingNode map:
                // k6's own layout: metric: [expressions].
                foreach (var (k, v) in map.Children)
                {
                    if (r.Key(k, field) is not { } metric)
                    {
                        continue;
                    }

                    var items = v is YamlSequenceNode s ? s.Children.ToList() : [v];
                    foreach (var item in items)
                    {
                        if (item is YamlScalarNode { Value: { } text })
                        {
                            if (ThresholdExpression.TryFromK6Map(metric, text, out var expression, out var k6Error))
                            {
                                Check(r, item, $"{field}.{metric}", expression, list);
                            }
                            else
                            {
                                r.Error(item, $"{field}.{metric}", k6Error!);
                            }
                        }
                        else
                        {
                            r.Error(item, $"{field}.{metric}", "expected an expression such as 'p(99) < 250ms'");
                        }
                    }
                }

                return list;
            default:
                r.Error(node, field, "expected a list of expressions such as 'p99 < 250ms'");
                return list;
        }
    }

    private static void Check(YamlFieldReader r, YamlNode node, string field, string text, List<string> list)
    {
        if (ThresholdExpression.TryParse(text, out _, out var error))
        {
            list.Add(text.Trim());
        }
        else
        {
            r.Error(node, field, error!);
        }
    }

    private static ColdStartOptions ReadColdStart(YamlFieldReader r, YamlNode? node, YamlNode root)
    {
        var m = r.Mapping(node, "coldStart", ColdStartKeys);
        var functions = r.StringList(m, "functions", "coldStart").Select(f => f.Value).ToList();
        if (functions.Count == 0)
        {
            r.Error(node ?? root, "coldStart.functions", "list at least one function");
        }

        var options = new ColdStartOptions
        {
            Functions = functions,
            Repetitions = (int?)r.Integer(m, "repetitions", "coldStart") ?? 3,
            Warm = (int?)r.Integer(m, "warm", "coldStart") ?? 5,
            ScaleDownTimeout = r.Duration(m, "scaleDownTimeout", "coldStart") ?? TimeSpan.FromSeconds(30),
            InvokeTimeout = r.Duration(m, "invokeTimeout", "coldStart") ?? TimeSpan.FromSeconds(60),
            Method = r.String(m, "method", "coldStart") ?? ColdStartMethods.Auto,
        };
        if (!ColdStartMethods.All.Contains(options.Method))
        {
            r.Error(m.GetValueOrDefault("method"), "coldStart.method", $"'{options.Method}' is not one of {string.Join(", ", ColdStartMethods.All)}");
        }

        if (options.Repetitions < 1)
        {
            r.Error(m.GetValueOrDefault("repetitions"), "coldStart.repetitions", "must be at least 1");
        }

        if (options.Warm < 0)
        {
            r.Error(m.GetValueOrDefault("warm"), "coldStart.warm", "must be >= 0");
        }

        if (options.ScaleDownTimeout <= TimeSpan.Zero)
        {
            r.Error(m.GetValueOrDefault("scaleDownTimeout"), "coldStart.scaleDownTimeout", "must be greater than 0 (the wait for the function to reach zero replicas)");
        }

        if (options.InvokeTimeout <= TimeSpan.Zero)
        {
            r.Error(m.GetValueOrDefault("invokeTimeout"), "coldStart.invokeTimeout", "must be greater than 0 (the wait for a cold call's answer)");
        }

        return options;
    }

    private static ChurnOptions ReadChurn(YamlFieldReader r, YamlNode? node)
    {
        var m = r.Mapping(node, "churn", ChurnKeys);
        var defaults = new ChurnOptions();
        var options = new ChurnOptions
        {
            Functions = (int?)r.Integer(m, "functions", "churn") ?? defaults.Functions,
            Cycles = (int?)r.Integer(m, "cycles", "churn") ?? defaults.Cycles,
            Percent = r.Number(m, "percent", "churn") ?? defaults.Percent,
            Delay = r.Duration(m, "delay", "churn") ?? defaults.Delay,
            ReadyTimeout = r.Duration(m, "readyTimeout", "churn") ?? defaults.ReadyTimeout,
            Prefix = r.String(m, "prefix", "churn") ?? defaults.Prefix,
            Fprocess = r.String(m, "fprocess", "churn") ?? defaults.Fprocess,
            Image = r.String(m, "image", "churn") ?? defaults.Image,
            PollRate = r.Number(m, "pollRate", "churn") ?? defaults.PollRate,
        };
        if (options.PollRate is <= 0 or > 1000)
        {
            r.Error(m.GetValueOrDefault("pollRate"), "churn.pollRate", "must be in (0, 1000] status reads per second");
        }

        if (options.Functions < 1)
        {
            r.Error(m.GetValueOrDefault("functions"), "churn.functions", "must be at least 1");
        }

        if (options.Cycles < 1)
        {
            r.Error(m.GetValueOrDefault("cycles"), "churn.cycles", "must be at least 1");
        }

        if (options.Percent is <= 0 or > 100)
        {
            r.Error(m.GetValueOrDefault("percent"), "churn.percent", "must be in (0, 100]");
        }

        if (options.ReadyTimeout <= TimeSpan.Zero)
        {
            r.Error(m.GetValueOrDefault("readyTimeout"), "churn.readyTimeout", "must be greater than 0");
        }

        // The functions are named PREFIX-N, which must be a DNS-1123 label as every function name.
        var longest = $"{options.Prefix}-{options.Functions}";
        if (!Harness.Platform.Stack.DnsName.IsLabel(longest))
        {
            r.Error(m.GetValueOrDefault("prefix"), "churn.prefix", $"'{options.Prefix}' makes function names such as '{longest}' that are not DNS-1123 labels (lower-case letters, digits and '-', at most 63 characters)");
        }

        if (string.IsNullOrWhiteSpace(options.Image) || options.Image.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            r.Error(m.GetValueOrDefault("image"), "churn.image", $"'{options.Image}' is not an image reference (no spaces, not empty)");
        }

        if (string.IsNullOrWhiteSpace(options.Fprocess))
        {
            r.Error(m.GetValueOrDefault("fprocess"), "churn.fprocess", "must not be empty: the watchdog runs it for every call");
        }

        return options;
    }

    private static string StripMarks(string message)
    {
        var at = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && at >= 0 ? message[(at + 3)..] : message;
    }
}
