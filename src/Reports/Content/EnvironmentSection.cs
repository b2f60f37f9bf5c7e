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
                Row("Provider", Fmt.Or(t.Provider)),
                Row("Declared location", Fmt.Or(t.DeclaredLocation, "not declared") + (t.DeclaredLocation is null ? "" : " (declared in the target file, not verified)")),
                Row("Monthly price", t.MonthlyPrice is { } p ? Fmt.Money(p.Amount, p.Currency) : "not declared"),
            ]),
            new SubHeading("Node"),
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
}
