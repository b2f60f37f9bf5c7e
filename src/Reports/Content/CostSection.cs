using Harness.Reports.Charts;
using Harness.Reports.Model;

namespace Harness.Reports.Content;

/// <summary>The cost crossover: FaaS list prices against the target's flat monthly price.</summary>
internal static class CostSection
{
    /// <summary>The blocks, and one sentence for the at-a-glance table.</summary>
    public sealed record Result(IReadOnlyList<Block> Blocks, string Sentence);

    public static Result Build(ReportContext ctx)
    {
        var blocks = new List<Block> { new SubHeading("Cost crossover") };
        var (durationMs, durationSource) = Duration(ctx);
        var memory = ctx.Options.CostMemoryMb;
        var curves = CostModel.Curves(ctx, memory, durationMs);

        var price = ctx.Run.Target.MonthlyPrice;
        var priceSources = new List<SourceRef>();
        string priceOrigin;
        if (price is null && ctx.Entry("vps.hetzner.cx33") is { } vps && vps.Number() is { } eur)
        {
            price = new Results.MoneyAmount(eur, "EUR");
            priceOrigin = $"the target declares no price, so the reference VPS is used: Hetzner Cloud {Fmt.Or(vps.Condition("type"), "CX33")} ({vps.Condition("vcpu")} vCPU, {vps.Condition("ram_gb")} GB), {Fmt.Money(eur, "EUR")}/month excl. VAT, quoted {Fmt.Or(vps.Condition("price_date"), "undated")}";
            priceSources.AddRange(vps.Sources());
        }
        else
        {
            priceOrigin = price is null ? "" : $"the target file declares {Fmt.Money(price.Amount, price.Currency)}/month";
        }

        if (price is null)
        {
            blocks.Add(new Paragraph("No flat monthly price is known (the target declares none and the dataset has no VPS reference), so no crossover can be computed.") { Style = ParagraphStyle.Callout, Tone = Tone.Warn });
            return new Result(blocks, "no flat price declared; crossover not computed");
        }

        double? usd = price.Currency.ToUpperInvariant() switch
        {
            "USD" => price.Amount,
            "EUR" when ctx.Entry("fx.eur_usd") is { } fx && fx.Number() is { } rate => Rate(price.Amount * rate, fx, priceSources),
            _ => null,
        };
        if (usd is null)
        {
            blocks.Add(new Paragraph($"The flat price is in {price.Currency} and the dataset has no exchange rate for it, so no crossover is computed.") { Style = ParagraphStyle.Callout, Tone = Tone.Warn });
            return new Result(blocks, $"flat {Fmt.Money(price.Amount, price.Currency)}/month; crossover not computed (no {price.Currency} rate)");
        }

        var fxNote = price.Currency.Equals("EUR", StringComparison.OrdinalIgnoreCase) && ctx.Entry("fx.eur_usd") is { } f
            ? $" converted at {Fmt.Number(f.Number() ?? double.NaN, "0.00##")} USD per EUR ({Fmt.Or(f.Condition("basis"), "dataset rate")})"
            : "";
        var crossings = curves.Select(c => (c.Name, c.MonthlyUsd, Crossover: c.Crossover(usd.Value))).ToList();
        blocks.Add(new Paragraph(
            $"Monthly cost = max(0, N − free requests) × request price + max(0, N × d × m − free GB-s) × GB-s price, for N requests a month at **{Fmt.Ms(durationMs)}** billed per request ({durationSource}) and **{memory} MB**. " +
            $"The flat line is the target's price: {priceOrigin}{fxNote}, i.e. **{Fmt.Money(usd.Value, "USD")}/month**. Egress, storage, API gateways and VAT are left out on both sides.")
        { Sources = priceSources });
        blocks.Add(new Figure(CostChart.Build(crossings.Select(c => (c.Name, c.MonthlyUsd, c.Crossover)).ToList(), usd.Value, $"flat VPS {Fmt.Money(usd.Value, "USD")}/month"), 255,
            "Monthly cost against requests per month at list prices. Where a line crosses the flat price (the marked points), the VPS becomes the cheaper option — if one node can carry that load. Costs under $0.10 (inside free tiers) are drawn at the floor.")
        {
            Sources = curves.SelectMany(c => c.Sources).DistinctBy(s => s.Display).ToList(),
        });

        var capacity = ctx.Run.Scenarios.Select(s => s.Values.GetValueOrDefault("rps")).DefaultIfEmpty(0).Max();
        var capacityMonthly = capacity * 86_400 * 30;
        blocks.Add(new Table(
            [new TableColumn("Provider", 2.6f), new TableColumn("Crossover (requests/month)", 1.6f, true), new TableColumn("≈ average rate", 1.2f, true), new TableColumn("Cost at 100M req/month", 1.5f, true)],
            crossings.Select(c => (IReadOnlyList<TableCell>)
            [
                c.Name,
                c.Crossover is { } n ? LogAxis.Count(n) : "beyond 10¹²",
                c.Crossover is { } m ? Fmt.Value(m / (86_400 * 30), "req/s") : "–",
                Fmt.Money(c.MonthlyUsd(1e8), "USD"),
            ]).ToList())
        {
            Title = "Where the flat price wins",
            Note = capacity > 0
                ? $"The highest rate this run sustained was {Fmt.Value(capacity, "req/s")}, about {LogAxis.Count(capacityMonthly)} requests a month: the load its scenarios offered, not this node's maximum. Crossovers below it are shown to be within this node's reach; for higher ones, run a scenario at that rate before relying on one node."
                : "This run measured no request rate, so the node's capacity is not known.",
        });

        var lambda = crossings.FirstOrDefault(c => c.Name.StartsWith("AWS Lambda", StringComparison.Ordinal));
        var sentence = lambda.Crossover is { } x
            ? $"flat {Fmt.Money(price.Amount, price.Currency)}/month; cheaper than Lambda above {LogAxis.Count(x)} requests/month ({Fmt.Ms(durationMs)}, {memory} MB)"
            : $"flat {Fmt.Money(price.Amount, price.Currency)}/month whatever the traffic";
        return new Result(blocks, sentence);
    }

    private static double Rate(double usd, Dataset.ReferenceEntry fx, List<SourceRef> sources)
    {
        sources.AddRange(fx.Sources());
        return usd;
    }

    private static (double Ms, string Source) Duration(ReportContext ctx)
    {
        if (ctx.Options.CostDurationMs is { } d)
        {
            return (d, "set in the report options");
        }

        foreach (var name in new[] { "http_req_service_time", "http_req_duration" })
        {
            foreach (var s in ctx.Run.Scenarios)
            {
                if (s.Metrics.TryGetValue(name, out var m) && m.Count > 0 && m.Mean > 0)
                {
                    // Lambda bills per started millisecond.
                    return (Math.Max(1, Math.Ceiling(m.Mean)), $"the measured mean {name} of {s.Name}, rounded up to the next millisecond");
                }
            }
        }

        return (100, "assumed: no request duration was measured");
    }
}
