using Harness.Reports.Dataset;
using Harness.Reports.Model;

namespace Harness.Reports.Content;

/// <summary>
/// List-price cost curves from the dataset, after facts.md's formula:
/// cost = max(0, N − free_req)·p_req + max(0, N·d·m − free_GBs)·p_GBs (+ GHz-s for GCF 1st gen, + plan minimum for Workers).
/// </summary>
internal static class CostModel
{
    public static IReadOnlyList<CostCurve> Curves(ReportContext ctx, int memoryMb, double durationMs)
    {
        var curves = new List<CostCurve>();
        var d = durationMs / 1000.0;
        var gb = memoryMb / 1024.0;

        var lambdaReq = ctx.Entry("aws_lambda.price.requests");
        var lambdaGbs = ctx.Entry("aws_lambda.price.gb_s");
        var lambdaFree = ctx.Entry("aws_lambda.price.free_tier");
        if (lambdaReq?.Number() is { } lr && lambdaGbs?.Number("x86_64") is { } lg && lambdaFree is not null)
        {
            var freeReq = lambdaFree.Number("requests") ?? 0;
            var freeGbs = lambdaFree.Number("gb_seconds") ?? 0;
            curves.Add(new CostCurve("AWS Lambda (x86, us-east-1)",
                n => Math.Max(0, n - freeReq) * lr / 1e6 + Math.Max(0, n * d * gb - freeGbs) * lg,
                Sources(lambdaReq, lambdaGbs, lambdaFree)));
        }

        var azure = ctx.Entry("azure_functions.price.consumption");
        var azureFree = ctx.Entry("azure_functions.price.free_grant");
        if (azure?.Number("per_million_executions") is { } ar && azure.Number("per_gb_second") is { } ag && azureFree is not null)
        {
            var freeReq = azureFree.Number("executions") ?? 0;
            var freeGbs = azureFree.Number("gb_seconds") ?? 0;
            // Azure rounds memory up to 128 MB steps and bills at least 100 ms.
            var azureGb = Math.Ceiling(memoryMb / 128.0) * 128 / 1024.0;
            var azureD = Math.Max(d, 0.1);
            curves.Add(new CostCurve("Azure Functions Consumption (East US)",
                n => Math.Max(0, n - freeReq) * ar / 1e6 + Math.Max(0, n * azureD * azureGb - freeGbs) * ag,
                Sources(azure, azureFree)));
        }

        var gcf = ctx.Entry("google_cloud_functions.price.gen1");
        var gcfFree = ctx.Entry("google_cloud_functions.price.free_tier");
        if (gcf?.Number("per_million_invocations") is { } gr && gcf.Number("per_gb_second_tier1") is { } gg && gcf.Number("per_ghz_second_tier1") is { } gh && gcfFree is not null)
        {
            var free = gcfFree.Values?.GetValueOrDefault("gen1") as IDictionary<object, object>;
            double F(string key) => free is not null && free.TryGetValue(key, out var v) && double.TryParse(v?.ToString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) ? x : 0;
            var freeReq = F("invocations");
            var freeGbs = F("gb_seconds");
            var freeGhz = F("ghz_seconds");
            var ghz = GcfGhz(memoryMb);
            curves.Add(new CostCurve("Google Cloud Functions 1st gen (Tier 1)",
                n => Math.Max(0, n - freeReq) * gr / 1e6 + Math.Max(0, n * d * gb - freeGbs) * gg + Math.Max(0, n * d * ghz - freeGhz) * gh,
                Sources(gcf, gcfFree)));
        }

        var workers = ctx.Entry("cloudflare_workers.price.standard");
        if (workers?.Number("subscription_min_per_month") is { } wMin && workers.Number("per_additional_million_requests") is { } wr
            && workers.Number("included_requests") is { } wInc && workers.Number("per_additional_million_cpu_ms") is { } wc && workers.Number("included_cpu_ms") is { } wCpu)
        {
            // Workers bill CPU time, not wall time; the measured duration is an upper bound for it.
            curves.Add(new CostCurve("Cloudflare Workers Standard",
                n => wMin + Math.Max(0, n - wInc) * wr / 1e6 + Math.Max(0, n * durationMs - wCpu) * wc / 1e6,
                Sources(workers)));
        }

        return curves;
    }

    /// <summary>GCF 1st gen ties CPU to memory (firebase-tools pricing.ts, as quoted in the dataset's notes).</summary>
    public static double GcfGhz(int memoryMb) => memoryMb switch
    {
        <= 128 => 0.2,
        <= 256 => 0.4,
        <= 512 => 0.8,
        <= 1024 => 1.4,
        <= 2048 => 2.4,
        _ => 4.8,
    };

    private static List<SourceRef> Sources(params ReferenceEntry[] entries)
        => entries.SelectMany(e => e.Sources()).DistinctBy(s => s.Display).ToList();
}
