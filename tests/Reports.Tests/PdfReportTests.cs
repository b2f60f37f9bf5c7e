using System.Text.RegularExpressions;

namespace Harness.Reports.Tests;

/// <summary>Reads the generated PDFs back with poppler: text, metadata, page breaks and rendered pixels.</summary>
public sealed partial class PdfReportTests(PdfReports reports) : IClassFixture<PdfReports>
{
    [PopplerFact]
    public void The_sections_and_scenarios_appear_in_order_with_their_numbers()
    {
        var text = Flat(Poppler.Text(reports.RichPdf));

        var order = new[] { "Contents", "Summary", "Environment", "Scenario: hello-throughput", "Scenario: cold-start", "Scenario: conntrack-full",
            "Comparison with public cloud", "Compliance", "Appendix", "Method notes", "Raw percentile tables", "Data sources" };
        var last = text.IndexOf("Harness report: oslo-vps", StringComparison.Ordinal);
        foreach (var heading in order)
        {
            var at = text.IndexOf(heading, last + 1, StringComparison.Ordinal);
            Assert.True(at > last, $"'{heading}' is missing or out of order");
            last = at;
        }

        // Figures from the fixture, formatted as the report prints them.
        Assert.Contains("12,040", text, StringComparison.Ordinal);
        Assert.Contains("200.6 req/s", text, StringComparison.Ordinal);
        Assert.Contains("p(99) < 250ms", text, StringComparison.Ordinal);
        Assert.Contains("6.1.0-27-amd64", text, StringComparison.Ordinal);
        Assert.Contains("3e4ad32c0ffe", text, StringComparison.Ordinal);
        Assert.Contains("FAILED", text, StringComparison.Ordinal);
    }

    [PopplerFact]
    public void Published_figures_carry_numbered_source_footnotes_with_dates()
    {
        var text = Flat(Poppler.Text(reports.RichPdf));

        Assert.Contains("https://github.com/maxday/lambda-perf", text, StringComparison.Ordinal);
        Assert.Contains("published 2026-08-22; retrieved 2026-11-26", text, StringComparison.Ordinal);
        Assert.Contains("Firecracker SPECIFICATION.md", text, StringComparison.Ordinal);
        Assert.Contains("Eliminating cold starts with Cloudflare Workers", text, StringComparison.Ordinal);
        Assert.Contains("not the latency a client sees", text, StringComparison.Ordinal);
        Assert.Matches(@"\[1\] maxday/lambda-perf", text);
        // The cost crossover with Lambda for the fixture (2 ms, 128 MB) against €6.49 at 1.10 USD/EUR.
        Assert.Contains("36.7M", text, StringComparison.Ordinal);
        Assert.Contains("Assumption stated by Harness", text, StringComparison.Ordinal);
        // The run's rate is the offered load, not a measured capacity: the report must not present it as the node's limit.
        Assert.Contains("not this node's maximum", text, StringComparison.Ordinal);
        Assert.DoesNotContain("need more than this node", text, StringComparison.Ordinal);
        // The watchdog's 30 s write_timeout is a default limit: the platform is not described as having none.
        Assert.Contains("default 30 s", text, StringComparison.Ordinal);
        Assert.DoesNotContain("none imposed by the platform", text, StringComparison.Ordinal);
        // The summary's cold-start tile says its figure is the best of several, and gives the worst.
        Assert.Contains("best of 2; worst", text, StringComparison.Ordinal);
    }

    [PopplerFact]
    public void Every_page_is_numbered_page_x_of_y_and_the_count_is_plausible()
    {
        var pages = Poppler.Pages(reports.RichPdf);
        var (info, _) = Poppler.Info(reports.RichPdf);
        var count = int.Parse(PagesLine().Match(info).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(count, pages.Count);
        Assert.InRange(count, 12, 40);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {count}", pages[i], StringComparison.Ordinal);
        }

        Assert.Contains("Page size:       595 x 842 pts (A4)", info, StringComparison.Ordinal);
    }

    [PopplerFact]
    public void The_contents_page_numbers_match_where_the_sections_landed()
    {
        var pages = Poppler.Pages(reports.RichPdf);
        var contents = pages[0];
        foreach (var title in new[] { "Environment", "Comparison with public cloud", "Appendix" })
        {
            var m = Regex.Match(contents, Regex.Escape(title) + @"\s*\.*\s*(\d+)\s*$", RegexOptions.Multiline);
            Assert.True(m.Success, $"no contents entry for {title}");
            var page = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(title, pages[page - 1], StringComparison.Ordinal);
        }
    }

    [PopplerFact]
    public void Metadata_says_pdf_a_and_names_title_author_subject_keywords()
    {
        var (meta, _) = Poppler.Info(reports.RichPdf, "-meta");
        var (info, _) = Poppler.Info(reports.RichPdf);

        Assert.Contains("pdfaid:part", meta, StringComparison.Ordinal);
        Assert.Contains("Title:           Harness report: oslo-vps", info, StringComparison.Ordinal);
        Assert.Contains("Author:          Harness", info, StringComparison.Ordinal);
        Assert.Contains("20261128-0100-a1b2", meta, StringComparison.Ordinal);
        Assert.Contains("cold start", meta, StringComparison.Ordinal);
        Assert.Contains("CreationDate:    Sat Nov 28 01:14:32 2026 UTC", info, StringComparison.Ordinal);
    }

    [PopplerFact]
    public void Named_destinations_exist_for_the_outline_and_the_file_stays_valid_after_the_update()
    {
        var (dests, stderr) = Poppler.Info(reports.RichPdf, "-dests");

        Assert.Contains("\"summary\"", dests, StringComparison.Ordinal);
        Assert.Contains("\"comparison\"", dests, StringComparison.Ordinal);
        Assert.Equal("", stderr.Trim());
        var raw = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(reports.RichPdf));
        Assert.Contains("/Type /Outlines", raw, StringComparison.Ordinal);
        Assert.Contains("/PageMode /UseOutlines", raw, StringComparison.Ordinal);
    }

    [PopplerFact]
    public void Rendered_pages_are_not_blank()
    {
        var dir = Directory.CreateTempSubdirectory("harness-pgm-").FullName;
        try
        {
            var pages = Poppler.RenderGray(reports.RichPdf, dir, 30, 1, 6);

            Assert.Equal(6, pages.Count);
            foreach (var page in pages)
            {
                Assert.True(Pgm.InkShare(page) > 0.01, $"{Path.GetFileName(page)} is (nearly) blank");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [PopplerFact]
    public void A_200_row_table_breaks_across_pages_and_repeats_its_header()
    {
        var pages = Poppler.Pages(reports.BigTablePdf);
        var withRows = pages.Select((text, i) => (text, i)).Where(p => p.text.Contains("row-", StringComparison.Ordinal)).ToList();

        Assert.True(withRows.Count >= 3, $"200 rows fit on {withRows.Count} page(s)");
        Assert.All(withRows, p => Assert.Contains("row name", p.text, StringComparison.Ordinal));
        Assert.All(withRows.Skip(1), p => Assert.Contains("(continued)", p.text, StringComparison.Ordinal));
        var all = string.Concat(withRows.Select(p => p.text));
        for (var i = 1; i <= 200; i++)
        {
            Assert.Contains($"row-{i:000}", all, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("row-200", withRows[0].text, StringComparison.Ordinal);
    }

    [PopplerFact]
    public void A_scenario_that_could_not_run_is_reported_as_such()
    {
        var text = Flat(Poppler.Text(reports.RichPdf));

        Assert.Contains("This scenario could not run.", text, StringComparison.Ordinal);
        Assert.Contains("nf_conntrack_max can only be lowered from the initial network namespace", text, StringComparison.Ordinal);
        Assert.Contains("No measurements were recorded", text, StringComparison.Ordinal);
    }

    [PopplerFact]
    public void An_interrupted_run_with_only_a_failed_scenario_and_no_facts_still_gives_a_report()
    {
        var text = Flat(Poppler.Text(reports.EmptyPdf));

        Assert.Contains("INCOMPLETE", text, StringComparison.Ordinal);
        Assert.Contains("The run was interrupted", text, StringComparison.Ordinal);
        Assert.Contains("not recorded", text, StringComparison.Ordinal);
        Assert.Contains("This run measured no cold start", text, StringComparison.Ordinal);
        Assert.Contains("No compliance checks were run", text, StringComparison.Ordinal);
    }

    [PopplerFact]
    public void Compliance_lists_every_check_with_evidence_policy_and_hash()
    {
        var text = Flat(Poppler.Text(reports.CompliancePdf));
        var rich = Flat(Poppler.Text(reports.RichPdf));

        Assert.Contains("eea-residency", text, StringComparison.Ordinal);
        Assert.Contains("9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c", text, StringComparison.Ordinal);
        Assert.Contains("RES-001", text, StringComparison.Ordinal);
        Assert.Contains("REG-002", text, StringComparison.Ordinal);
        Assert.Contains("image: ghcr.io/acme/payment:1.2", text, StringComparison.Ordinal);
        Assert.Contains("Mirror the image to a registry operated in the EEA.", text, StringComparison.Ordinal);
        Assert.Contains("No compliance checks were run", rich, StringComparison.Ordinal);
    }

    /// <summary>pdftotext -layout keeps line breaks and column spacing; tests look for phrases, so whitespace is collapsed.</summary>
    private static string Flat(string text) => Spaces().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"Pages:\s+(\d+)")]
    private static partial Regex PagesLine();
}
