using Harness.Reports.Layout;
using Harness.Reports.Model;

namespace Harness.Reports.Tests.Layout;

public sealed class LayoutEngineTests
{
    private static LaidOutDocument Lay(params Block[] blocks)
    {
        using var fonts = new FontCache(FontSet.Load());
        return new LayoutEngine(fonts).Layout(new ReportDocument { Title = "t", Sections = [new Section("Only", blocks) { Anchor = "only" }] });
    }

    private static IEnumerable<string> Texts(LaidOutPage page) => page.Items.OfType<TextItem>().Select(t => t.Text);

    [Fact]
    public void A_long_table_repeats_its_header_on_every_page_it_spans()
    {
        var rows = Enumerable.Range(1, 200).Select(i => (IReadOnlyList<TableCell>)[$"r{i}", "x"]).ToList();

        var doc = Lay(new Table([new TableColumn("HeaderA"), new TableColumn("HeaderB")], rows) { Title = "Big" });

        var pages = doc.Pages.Where(p => Texts(p).Any(t => t.StartsWith('r'))).ToList();
        Assert.True(pages.Count >= 3);
        Assert.All(pages, p => Assert.Contains("HeaderA", Texts(p)));
        Assert.Equal(200, pages.Sum(p => Texts(p).Count(t => t.Length > 1 && t[0] == 'r' && char.IsDigit(t[1]))));
    }

    [Fact]
    public void A_wide_table_breaks_no_word_when_the_words_fit_the_page()
    {
        // The cold-start scenario's per-function table: eleven columns, equal weights, short words that were cut
        // ("seriali|zing", "cold/war|m") although the page had room for every one of them.
        string[] headers = ["function", "mode", "runtime", "ok", "TTFB", "gateway hold", "first response", "rest", "TTLB", "warm TTFB", "cold/warm"];
        var rows = new List<IReadOnlyList<TableCell>>
        {
            new TableCell[] { "greet-fork", "serializing", "template", "3/3", "109.2", "54.7", "53.4", "5.4", "109.3", "45.5", "2.4" },
            new TableCell[] { "greet-http", "http", "template", "3/3", "144.4", "141.1", "2.3", "1.7", "144.4", "1.2", "123.4" },
        };

        var doc = Lay(new Table(headers.Select(h => new TableColumn(h, 1)).ToList(), rows) { Title = "Cold start by function" });

        var texts = doc.Pages.SelectMany(Texts).ToList();
        foreach (var word in new[] { "greet-fork", "greet-http", "serializing", "template", "runtime", "cold/warm", "response" })
        {
            Assert.Contains(word, texts);
        }
    }

    [Fact]
    public void A_heading_stays_on_the_page_of_a_table_whose_footnotes_push_it_to_the_next()
    {
        // The comparison's "Limits" heading was left alone at the bottom of a page: its table cites eleven sources,
        // and their footnotes did not fit under it.
        var sources = Enumerable.Range(1, 11).Select(i => new SourceRef(
            $"Source {i}: a documentation page with a long title that takes two lines in the footnote area", $"https://example.org/docs/{i}", "2026-01-01", "2026-11-26")).ToList();
        var rows = Enumerable.Range(1, 4).Select(i => (IReadOnlyList<TableCell>)[$"row {i}", "a value", "another value"]).ToList();
        for (var paragraphs = 0; paragraphs < 30; paragraphs++)
        {
            var blocks = Enumerable.Range(0, paragraphs)
                .Select(i => (Block)new Paragraph($"Filler paragraph {i} with enough words to take a little more than a single line of body text."))
                .Append(new SubHeading("Limits") { Anchor = "limits" })
                .Append(new Table([new TableColumn("LimitsHeader"), new TableColumn("B"), new TableColumn("C")], rows) { Title = "Limits table", Sources = sources })
                .ToArray();

            var doc = Lay(blocks);

            var headingPage = doc.AnchorPages["limits"];
            var tablePage = doc.Pages.ToList().FindIndex(p => Texts(p).Contains("LimitsHeader")) + 1;
            Assert.True(headingPage == tablePage, $"{paragraphs} paragraphs: heading on page {headingPage}, its table on page {tablePage}");
        }
    }

    [Fact]
    public void Footnotes_go_to_the_pages_that_cite_them()
    {
        var blocks = Enumerable.Range(0, 60).Select(i => (Block)new Paragraph($"Paragraph {i} with enough words to wrap onto a second line of body text in the report layout.")
        {
            Sources = i % 10 == 0 ? [new SourceRef($"Source {i}", "https://example.org/" + i, "2026-01-01", "2026-11-26")] : [],
        }).ToArray();

        var doc = Lay(blocks);

        Assert.All(doc.Pages, p => Assert.True(p.Footnotes.Count <= 3));
        Assert.Equal(6, doc.Pages.Sum(p => p.Footnotes.Count));
        Assert.Equal(2, doc.AnchorPages["only"]);
    }

    [Fact]
    public void The_same_source_keeps_its_number_everywhere()
    {
        var source = new SourceRef("Same", "https://example.org");

        var doc = Lay(new Paragraph("a") { Sources = [source] }, new PageBreak(), new Paragraph("b") { Sources = [source, new SourceRef("Other")] });

        var numbers = doc.Pages.SelectMany(p => p.Footnotes).Where(f => f.Text.StartsWith("Same", StringComparison.Ordinal)).Select(f => f.Number).Distinct();
        Assert.Equal([1], numbers);
        Assert.Contains(doc.Pages.SelectMany(p => p.Footnotes), f => f.Number == 2 && f.Text == "Other");
    }

    [Fact]
    public void Wrapped_lines_fit_the_width_and_bold_markup_is_kept()
    {
        using var fonts = new FontCache(FontSet.Load());

        var lines = TextWrapper.Wrap(fonts, "Some **bold words** and a verylongidentifier.with.dots.that/does/not/fit/anywhere/at/all/in/one/line", 120, 9.5f, marker: "[3]");

        Assert.True(lines.Count > 2);
        Assert.All(lines, l => Assert.True(l.Width <= 120.5f, $"line is {l.Width} wide"));
        Assert.Contains(lines.SelectMany(l => l.Spans), s => s.Bold && s.Text == "bold");
        Assert.True(lines[^1].Spans[^1].Superscript);
    }

    [Fact]
    public void A_missing_font_directory_fails_with_a_message_that_says_what_to_install()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => FontSet.Load("/nonexistent/fonts"));

        Assert.Contains("fonts-dejavu-core", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/fonts/DejaVuSans.ttf", ex.Message, StringComparison.Ordinal);
    }
}
