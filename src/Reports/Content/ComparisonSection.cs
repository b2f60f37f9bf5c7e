using Harness.Reports.Charts;
using Harness.Reports.Dataset;
using Harness.Reports.Model;
using ScottPlot;

namespace Harness.Reports.Content;

/// <summary>Comparison with public cloud: cold starts, limits, cost crossover and the article's table, every external figure footnoted.</summary>
internal static class ComparisonSection
{
    private static readonly (string Id, string Label)[] LambdaRuntimes =
    [
        ("rust-al2023", "Rust"), ("go-al2023", "Go"), ("python3_12", "Python 3.12"), ("dotnet8-aot-al2023", ".NET 8 AOT"),
        ("nodejs22_x", "Node.js 22"), ("java21", "Java 21"), ("dotnet8", ".NET 8"),
    ];

    public static Section Build(ReportContext ctx)
    {
        var blocks = new List<Block>();
        blocks.Add(new Paragraph(
            $"Published figures for AWS Lambda, Azure Functions, Google Cloud Functions and Cloudflare Workers come from the reference dataset " +
            $"({(ctx.Dataset.Origin == "built-in" ? "built-in copy" : ctx.Dataset.Origin)}, compiled {Fmt.Or(ctx.Dataset.Meta.Generated, "on an unknown date")}). " +
            "Every figure carries its source and date in a footnote. Prices and limits change; check the dates before quoting them."));
        blocks.AddRange(ColdStart(ctx));
        blocks.AddRange(Limits(ctx));
        var cost = CostSection.Build(ctx);
        blocks.AddRange(cost.Blocks);
        blocks.AddRange(ArticleTable(ctx, cost));
        return new Section("Comparison with public cloud", blocks) { Anchor = ctx.Anchors.For("comparison") };
    }

    private static IEnumerable<Block> ColdStart(ReportContext ctx)
    {
        yield return new SubHeading("Cold start against published figures");
        var rows = new List<HorizontalBar>();
        var measured = Measured(ctx);
        foreach (var m in measured)
        {
            rows.Add(new HorizontalBar($"this platform: {m.Name}", m.P99, ChartStyle.Colour(0), $"{Fmt.Ms(m.P50)} – {Fmt.Ms(m.P99)}", m.P50));
        }

        var lambda = new List<ReferenceEntry>();
        foreach (var (id, label) in LambdaRuntimes)
        {
            if (ctx.Entry($"aws_lambda.cold_start.init.{id}.x86_64.128mb") is { } e && e.Number("p50") is { } p50 && e.Number("p99") is { } p99)
            {
                lambda.Add(e);
                rows.Add(new HorizontalBar($"Lambda init: {label}", p99, ChartStyle.Colour(3), $"{Fmt.Ms(p50)} – {Fmt.Ms(p99)}", p50));
            }
        }

        var firecracker = ctx.Entry("firecracker.boot_time");
        if (firecracker?.Number() is { } fc)
        {
            rows.Add(new HorizontalBar("Firecracker boot bound", fc, ChartStyle.Colour(7), $"≤ {Fmt.Ms(fc)}"));
        }

        var cloudflare = ctx.Entry("cloudflare_workers.cold_start.isolate");
        var cfValue = cloudflare?.Text() is { } t && double.TryParse(t.Replace("<", "", StringComparison.Ordinal).Trim(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var cf) ? cf : (double?)null;
        if (cfValue is { } cfv)
        {
            rows.Add(new HorizontalBar("Cloudflare isolate warm-up", cfv, ChartStyle.Colour(2), $"< {Fmt.Ms(cfv)}"));
        }

        var sources = lambda.Take(1).Concat(new[] { firecracker, cloudflare }.OfType<ReferenceEntry>()).SelectMany(e => e.Sources()).DistinctBy(s => s.Display).ToList();
        if (measured.Count == 0)
        {
            yield return new Paragraph("This run measured no cold start (no sample set or metric named 'cold…'), so only the published figures are shown.") { Style = ParagraphStyle.Callout, Tone = Tone.Warn };
        }

        if (rows.Count > 0)
        {
            var window = lambda.FirstOrDefault()?.Condition("window");
            yield return new Figure(BarChart.Horizontal(rows, "milliseconds (log scale); bars span p50 to p99"), 26 + rows.Count * 19,
                "Cold start, what each bar measures. **This platform:** the time a client waited for a request that found no ready replica (process start, gateway and network included). " +
                $"**Lambda:** 'Init Duration' from the REPORT log line (x86_64, 128 MB, hello-world zip{(window is null ? "" : ", " + window)}): runtime initialisation only, without sandbox placement and network, so it is **not the latency a client sees** and is a lower bound for comparison. " +
                "**Firecracker:** the specification's bound from microVM start to guest init, a floor for any VM-per-function design. " +
                "**Cloudflare:** V8 isolate warm-up, hidden behind the TLS handshake.")
            { Sources = sources };
        }

        if (lambda.Count > 0)
        {
            yield return new Table(
                [new TableColumn("Lambda runtime (x86_64, 128 MB)", 2.6f), new TableColumn("p50", 1, true), new TableColumn("p90", 1, true), new TableColumn("p99", 1, true), new TableColumn("n", 0.8f, true)],
                lambda.Select(e => (IReadOnlyList<TableCell>)[Fmt.Or(e.Condition("runtime"), e.Id), Fmt.Ms(e.Number("p50") ?? double.NaN), Fmt.Ms(e.Number("p90") ?? double.NaN), Fmt.Ms(e.Number("p99") ?? double.NaN), Fmt.Number(e.Number("n") ?? double.NaN, "0")])
                    .Concat(measured.Select(m => (IReadOnlyList<TableCell>)[new TableCell($"this platform: {m.Name} (client-perceived)", Bold: true), Fmt.Ms(m.P50), Fmt.Ms(m.P90), Fmt.Ms(m.P99), Fmt.Int(m.N)]))
                    .ToList())
            {
                Title = "Cold-start percentiles",
                Note = "Lambda rows are init durations (runtime start only); this platform's rows are what the client measured. " + Fmt.Or(lambda[0].Notes, ""),
                Sources = lambda[0].Sources(),
            };
        }
    }

    internal static List<(string Name, double P50, double P90, double P99, long N)> Measured(ReportContext ctx)
    {
        var result = ctx.ColdStarts().Where(c => !ReportContext.IsWarm(c.Name))
            .Select(c =>
            {
                var sorted = c.Values.Where(double.IsFinite).Order().ToList();
                return (c.Name, Quantiles.Of(sorted, 0.5), Quantiles.Of(sorted, 0.9), Quantiles.Of(sorted, 0.99), (long)sorted.Count);
            }).ToList();
        if (result.Count == 0)
        {
            result = ctx.ColdStartMetrics().Select(c => (c.Name, c.Metric.P50, c.Metric.P90, c.Metric.P99, c.Metric.Count)).ToList();
        }

        return result.Where(r => r.Item2 > 0 && double.IsFinite(r.Item4)).ToList();
    }

    private static IEnumerable<Block> Limits(ReportContext ctx)
    {
        yield return new SubHeading("Limits");
        string T(string id, Func<ReferenceEntry, string> f) => ctx.Entry(id) is { } e ? f(e) : "not in dataset";
        var env = ctx.Run.Environment;
        var target = ctx.Run.Target;
        // A remote gateway that is not Harness's: its own limits (or "not known"), never the embedded platform's defaults.
        var remote = target.Kind == "remote" && target.Flavour != "harness";
        string Theirs(string name) => target.Limits.FirstOrDefault(l => l.Name == name) is { } l ? $"{l.Value} ({Fmt.Or(l.Source, "source not recorded")})" : "not known: this run did not read it";
        var platformMemory = env.MemoryBytes > 0 ? $"per-function limit (cgroup), up to the node's {Fmt.Bytes(env.MemoryBytes)}" : "per-function limit (cgroup), up to the node's memory";
        var rows = new List<IReadOnlyList<TableCell>>
        {
            new TableCell[]
            {
                new("Execution time", Bold: true),
                remote ? Theirs("execution_time") : "per function: watchdog write_timeout (default 30 s) and exec_timeout, no fixed maximum; the gateway answers 504 after 60 s without bytes (--upstream-timeout)",
                T("aws_lambda.limit.timeout", e => $"{e.Text()} s (default {Fmt.Or(e.Condition("default"), "?")})"),
                T("azure_functions.limit.timeout.consumption", e => $"{e.Text("max")} min (default {e.Text("default")}); HTTP response ≤ 230 s"),
                T("google_cloud_functions.limit.timeout", e => $"1st gen {e.Text("gen1")} s; 2nd gen HTTP {e.Text("gen2_http")} s"),
                T("cloudflare_workers.limit.cpu", e => $"CPU {e.Text("paid_default_s")} s default, ≤ {e.Text("paid_max_s")} s (paid); no wall-clock limit"),
            },
            new TableCell[]
            {
                new("Payload", Bold: true),
                remote ? Theirs("payload") : "64 MiB per call at the gateway (default)",
                T("aws_lambda.limit.payload", e => $"sync {e.Text("sync_request_response")} MB; async {e.Text("async")} MB"),
                T("azure_functions.limit.consumption", e => $"request {e.Text("max_request_size_mb")} MB"),
                T("google_cloud_functions.limit.payload", e => $"{e.Text("gen1_request")} MB (1st gen); {e.Text("gen2_request")} MB (2nd gen)"),
                T("cloudflare_workers.limit.misc", e => e.Values?.GetValueOrDefault("request_body_mb") is IDictionary<object, object> b ? $"body {b["free_pro"]} MB (Free/Pro) to {b["enterprise"]} MB" : "–"),
            },
            new TableCell[]
            {
                new("Memory", Bold: true),
                remote ? Theirs("memory") : platformMemory,
                T("aws_lambda.limit.memory", e => $"{e.Text("min")}–{e.Text("max")} MB"),
                T("azure_functions.limit.consumption", e => $"{e.Text("max_memory_gb_per_instance")} GB per instance"),
                T("google_cloud_functions.limit.payload", _ => "≤ 8 GiB (1st gen)"),
                T("cloudflare_workers.limit.misc", e => $"{e.Text("memory_mb")} MB per isolate"),
            },
            new TableCell[]
            {
                new("Concurrency", Bold: true),
                remote ? Theirs("concurrency") : env.Cpus > 0 ? $"max_inflight × replicas; bounded by the node's {env.Cpus} CPUs" : "max_inflight × replicas; bounded by the node",
                T("aws_lambda.limit.concurrency", e => $"{Fmt.Value(e.Number() ?? double.NaN)} per region" + (ctx.Entry("aws_lambda.limit.scaling_rate") is { } r ? $"; +{Fmt.Value(r.Number() ?? double.NaN)} per 10 s" : "")),
                T("azure_functions.limit.consumption", e => $"{e.Text("max_instances")} instances"),
                T("google_cloud_functions.limit.payload", _ => "1,000 functions per region"),
                T("cloudflare_workers.limit.misc", e => $"no RPS limit (paid); free {Fmt.Value(e.Number("free_requests_per_day") ?? double.NaN)} req/day"),
            },
        };
        var ids = new[]
        {
            "aws_lambda.limit.timeout", "aws_lambda.limit.payload", "aws_lambda.limit.memory", "aws_lambda.limit.concurrency", "azure_functions.limit.timeout.consumption",
            "azure_functions.limit.consumption", "google_cloud_functions.limit.timeout", "google_cloud_functions.limit.payload", "cloudflare_workers.limit.cpu", "cloudflare_workers.limit.misc",
        };
        var sources = ids.Select(ctx.Entry).OfType<ReferenceEntry>().SelectMany(e => e.Sources()).DistinctBy(s => s.Display).ToList();
        yield return new Table(
            [new TableColumn("", 1.3f), new TableColumn("This platform", 1.7f), new TableColumn("AWS Lambda", 1.45f), new TableColumn("Azure Consumption", 1.45f), new TableColumn("GCF", 1.45f), new TableColumn("Cloudflare Workers", 1.6f)],
            rows)
        {
            Title = "Execution time, payload, memory and concurrency limits",
            Note = (remote ? "This platform's column is the remote target's, as far as anything tells: documented defaults are marked as such, the rest is not known. " : "This platform's column gives the configured mechanism; this run did not probe its limits. ") + "Azure figures are for the Consumption plan (Flex, Premium and Dedicated default to 30 min with no upper limit).",
            Sources = sources,
        };
    }

    private static IEnumerable<Block> ArticleTable(ReportContext ctx, CostSection.Result cost)
    {
        yield return new SubHeading("The comparison at a glance, with this platform's measured values");
        var measured = Measured(ctx);
        var run = ctx.Run;
        var cold = measured.Count == 0
            ? "not measured in this run"
            : string.Join("; ", measured.Select(m => $"{m.Name}: p50 {Fmt.Ms(m.P50)}, p99 {Fmt.Ms(m.P99)}")) + " (client-perceived)";
        var lambdaRange = LambdaRuntimes.Select(r => ctx.Entry($"aws_lambda.cold_start.init.{r.Id}.x86_64.128mb")?.Number("p50")).OfType<double>().ToList();
        var longest = run.Scenarios.SelectMany(s => s.Metrics.Where(m => m.Key == "http_req_duration" && m.Value.Count > 0)).Select(m => m.Value.Max).DefaultIfEmpty(double.NaN).Max();
        var residency = run.Compliance is null
            ? "residency checks were not run"
            : $"{run.Compliance.Findings.Count(f => f.Passed)} of {run.Compliance.Findings.Count} checks passed against policy {run.Compliance.PolicyName}";
        var cloudAct = ctx.Entry("legal.cloud_act");
        var rows = new List<IReadOnlyList<TableCell>>
        {
            new TableCell[]
            {
                new("Cold start", Bold: true),
                lambdaRange.Count == 0 ? "–" : $"Lambda init p50 {Fmt.Ms(lambdaRange.Min())}–{Fmt.Ms(lambdaRange.Max())} by runtime; Cloudflare isolates < 5 ms",
                cold,
            },
            new TableCell[]
            {
                new("Execution limit", Bold: true),
                "Lambda 900 s; Azure Consumption 10 min; GCF 540 s (1st gen) / 3600 s (2nd gen HTTP); Workers CPU 30 s–5 min",
                (run.Target.Kind == "remote" && run.Target.Flavour != "harness"
                    ? run.Target.Limits.FirstOrDefault(l => l.Name == "execution_time") is { } limit ? $"{limit.Value} ({limit.Source})" : "not known: the gateway's and functions' timeouts would tell"
                    : "per function (watchdog write_timeout, default 30 s; no fixed maximum)")
                + $". Longest request in this run: {(double.IsFinite(longest) ? Fmt.Ms(longest) : "not measured")}",
            },
            new TableCell[]
            {
                new("Data sovereignty", Bold: true),
                "US-headquartered operators: the CLOUD Act (18 U.S.C. § 2713) reaches data wherever it is stored",
                $"declared location {Fmt.Or(run.Target.DeclaredLocation, "not declared")}; {residency}",
            },
            new TableCell[]
            {
                new("Cost scaling", Bold: true),
                "per request plus GB-seconds, with monthly free tiers; grows linearly with traffic",
                cost.Sentence,
            },
        };
        yield return new Table([new TableColumn("", 1.1f), new TableColumn("Public-cloud FaaS (published)", 2.6f), new TableColumn("This platform (measured in this run)", 2.6f)], rows)
        {
            Title = "Cold start, execution limit, data sovereignty and cost scaling",
            Sources = new[] { cloudAct }.OfType<ReferenceEntry>().SelectMany(e => e.Sources()).ToList(),
        };
    }
}
