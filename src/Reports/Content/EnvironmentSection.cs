using Harness.Reports.Model;

namespace Harness.Reports.Content;

/// <summary>Environment: the target, the node's facts and the software versions.</summary>
internal static class EnvironmentSection
{
    public static Section Build(ReportContext ctx)
    {
        var run = ctx.Run;
        var t = run.Target;
        var e = run.Environment;
        // A remote gateway on another host: the machine facts below are the client's, not the target's node.
        var client = t.Kind == "remote" && !IsLoopback(t.GatewayUrl);
        var columns = new[] { new TableColumn("Item", 1.3f), new TableColumn("Value", 3.7f) };
        static IReadOnlyList<TableCell> Row(string k, string v) => [new TableCell(k, Bold: true), v];

        var blocks = new List<Block>
        {
            new SubHeading("Target"),
            new Table(columns,
            [
                Row("Name", t.Name),
                Row("Kind", t.Kind),
                Row("Gateway", Fmt.Or(t.GatewayUrl)),
                Row("Provider", Fmt.Or(t.Provider, "not declared") + (t.Provider is null || t.Kind != "remote" ? "" : " (declared in the target file)")),
                Row("Gateway reports", t.Flavour is null ? "not asked (no /system/info)" : $"{FlavourWords(t.Flavour)}; version {Fmt.Or(t.GatewayVersion, "not reported")}{(t.Arch is null ? "" : ", " + t.Arch)}"),
                Row("Provider reports", t.ReportedProvider is null ? "not reported" : $"{t.ReportedProvider} {t.ProviderVersion}{(t.Orchestration is null ? "" : $" ({t.Orchestration})")}".Trim()),
                Row("Declared location", Fmt.Or(t.DeclaredLocation, "not declared") + (t.DeclaredLocation is null ? "" : " (declared in the target file, not verified)")),
                Row("Monthly price", t.MonthlyPrice is { } p ? Fmt.Money(p.Amount, p.Currency) : "not declared"),
            ]),
            new SubHeading(client ? "The harness's own machine (the client, not the target's node)" : "Node"),
            new Table(columns,
            [
                Row("Hostname", Fmt.Or(e.Hostname)),
                Row("Operating system", Fmt.Or(e.OperatingSystem)),
                Row("Kernel", Fmt.Or(e.Kernel)),
                Row("CPUs", e.Cpus > 0 ? $"{e.Cpus}{(e.CpuModel is null ? "" : " × " + e.CpuModel)}" : "not recorded"),
                Row("Memory", e.MemoryBytes > 0 ? Fmt.Bytes(e.MemoryBytes) : "not recorded"),
                Row("Disk", Fmt.Or(e.Disk)),
            ]),
            new SubHeading("Software"),
        };

        if (t.Limits.Count > 0)
        {
            blocks.Insert(2, new Table(columns, t.Limits.Select(l => Row(l.Name.Replace('_', ' '), $"{l.Value}{(l.Source is null ? "" : $" ({l.Source})")}")).ToList()) { Title = "The target's limits, as far as they are known" });
        }

        if (client)
        {
            blocks.Insert(blocks.Count - 1, new Paragraph("The machine above ran the harness and sent the load; the target's node is described only by node scenarios run with node: ssh in the target file.") { Style = ParagraphStyle.Small });
        }

        var software = new List<IReadOnlyList<TableCell>>
        {
            Row("Git commit", Fmt.Or(e.GitCommit)),
            Row("Harness", Fmt.Or(e.HarnessVersion)),
            Row(".NET", Fmt.Or(e.DotnetVersion)),
        };
        software.AddRange(e.Versions.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => Row(kv.Key, kv.Value)));
        blocks.Add(new Table(columns, software));
        blocks.Add(new Paragraph("Facts not recorded by the run are marked as such; the harness does not guess them.") { Style = ParagraphStyle.Small });
        return new Section("Environment", blocks) { Anchor = ctx.Anchors.For("environment") };
    }

    private static bool IsLoopback(string? url)
        => Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.IsLoopback || u.Host == "localhost");

    private static string FlavourWords(string flavour) => flavour switch
    {
        "harness" => "Harness's gateway",
        "openfaas-ce" => "OpenFaaS Community Edition",
        "openfaas-pro" => "OpenFaaS Pro",
        _ => "an OpenFaaS-compatible gateway (edition not known)",
    };
}
