using System.Globalization;
using Harness.Reports.Model;
using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>First pass: flows a <see cref="ReportDocument"/> onto A4 pages, recording where every anchor lands.</summary>
internal sealed partial class LayoutEngine(FontCache fonts)
{
    private const float BlockGap = 7;
    private const float FootnoteGap = 10;

    private readonly List<LaidOutPage> _pages = [];
    private readonly Dictionary<string, int> _anchors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _footnoteNumbers = new(StringComparer.Ordinal);
    private readonly List<OutlineEntry> _outline = [];
    private LaidOutPage _page = null!;
    private float _y;
    private float _footnoteHeight;
    private int _figureNumber;
    private int _tableNumber;

    private float Bottom => Theme.ContentBottom - _footnoteHeight;

    private bool AtTop => _y <= Theme.ContentTop + 0.5f;

    public LaidOutDocument Layout(ReportDocument document)
    {
        var sections = WithAnchors(document.Sections);
        _outline.AddRange(Outline(sections));
        _page = new LaidOutPage { IsCover = true };
        _pages.Add(_page);
        _y = Theme.ContentTop - 20;
        Cover(document);
        Contents();

        foreach (var section in sections)
        {
            NewPage();
            SectionHeading(section);
            for (var i = 0; i < section.Blocks.Count; i++)
            {
                if (section.Blocks[i] is SubHeading h)
                {
                    var following = i + 1 < section.Blocks.Count ? section.Blocks[i + 1] : null;
                    SubHeadingBlock(h, following is null ? 0 : EstimateHeight(following), following is null ? 0 : AddedFootnotesHeight(following.Sources));
                }
                else
                {
                    Place(section.Blocks[i]);
                }
            }
        }

        FinishPage();
        return new LaidOutDocument(document, _pages, _anchors, _outline);
    }

    private static List<Section> WithAnchors(IReadOnlyList<Section> sections)
    {
        var result = new List<Section>(sections.Count);
        foreach (var section in sections)
        {
            var n = 0;
            var blocks = section.Blocks
                .Select(b => b is SubHeading h && h.Anchor is null ? h with { Anchor = $"{section.Anchor}.{++n}" } : b)
                .ToList();
            result.Add(section with { Blocks = blocks });
        }

        return result;
    }

    private static IEnumerable<OutlineEntry> Outline(List<Section> sections)
    {
        foreach (var section in sections)
        {
            yield return new OutlineEntry(section.Title, section.Anchor, 1);
            foreach (var h in section.Blocks.OfType<SubHeading>())
            {
                yield return new OutlineEntry(h.Text, h.Anchor!, 2);
            }
        }
    }

    private void Cover(ReportDocument document)
    {
        _page.Items.Add(new RectItem(new SKRect(0, 0, Theme.PageWidth, 8), Theme.Heading));
        foreach (var line in TextWrapper.Wrap(fonts, document.Title, Theme.ContentWidth, 24, bold: true))
        {
            _y += 24 * 1.2f;
            AddLine(line, Theme.ContentLeft, _y, 24, true, Theme.Heading);
        }

        if (!string.IsNullOrEmpty(document.Subtitle))
        {
            _y += 6;
            foreach (var line in TextWrapper.Wrap(fonts, document.Subtitle, Theme.ContentWidth, 11))
            {
                _y += 11 * Theme.LineFactor;
                AddLine(line, Theme.ContentLeft, _y, 11, false, Theme.Muted);
            }
        }

        _y += 10;
        _page.Items.Add(new LineItem(Theme.ContentLeft, _y, Theme.ContentRight, _y, Theme.Accent, 1.2f));
        _y += 12;
        foreach (var block in document.Cover)
        {
            Place(block);
        }
    }

    private void Contents()
    {
        const float size = 10;
        EnsureSpace(60);
        _y += 8;
        _y += H2Line(size: 14, text: "Contents");
        foreach (var entry in _outline)
        {
            var lineHeight = entry.Level == 1 ? 17f : 14f;
            EnsureSpace(lineHeight);
            var indent = entry.Level == 1 ? 0 : 14;
            var baseline = _y + lineHeight - 4;
            var bold = entry.Level == 1;
            var textSize = entry.Level == 1 ? size : size - 1;
            var title = Ellipsize(entry.Title, Theme.ContentWidth - indent - 40, bold, textSize);
            var width = fonts.Measure(title, bold, textSize);
            _page.Items.Add(new TextItem(Theme.ContentLeft + indent, baseline, title, bold, textSize, Theme.Ink));
            var dotsFrom = Theme.ContentLeft + indent + width + 6;
            var dotsTo = Theme.ContentRight - 22;
            if (dotsTo > dotsFrom)
            {
                _page.Items.Add(new DottedLeader(dotsFrom, dotsTo, baseline - 1));
            }

            _page.Items.Add(new PageNumberItem(Theme.ContentRight, baseline, entry.Anchor, textSize));
            _page.Items.Add(new LinkItem(new SKRect(Theme.ContentLeft, _y, Theme.ContentRight, _y + lineHeight), entry.Anchor));
            _y += lineHeight;
        }
    }

    private void SectionHeading(Section section)
    {
        Anchor(section.Anchor);
        foreach (var line in TextWrapper.Wrap(fonts, section.Title, Theme.ContentWidth, Theme.H1Size, bold: true))
        {
            _y += Theme.H1Size * 1.2f;
            AddLine(line, Theme.ContentLeft, _y, Theme.H1Size, true, Theme.Heading);
        }

        _y += 7;
        _page.Items.Add(new LineItem(Theme.ContentLeft, _y, Theme.ContentLeft + 60, _y, Theme.Accent, 2.2f));
        _y += 12;
    }

    private void Place(Block block)
    {
        switch (block)
        {
            case SubHeading h:
                SubHeadingBlock(h, 70);
                break;
            case Paragraph p when p.Style == ParagraphStyle.Callout:
                CalloutBlock(p);
                break;
            case Paragraph p:
                ParagraphBlock(p);
                break;
            case BulletList l:
                BulletBlock(l);
                break;
            case Table t:
                TableBlock(t);
                break;
            case Figure f:
                FigureBlock(f);
                break;
            case KeyFigures k:
                TilesBlock(k);
                break;
            case VerdictBanner v:
                BannerBlock(v);
                break;
            case PageBreak:
                NewPage();
                break;
            default:
                throw new NotSupportedException($"No layout for {block.GetType().Name}");
        }
    }

    private void SubHeadingBlock(SubHeading h, float next, float nextFootnotes = 0)
    {
        // Keep a heading with what follows it: the whole of a small block, or the start of a long one, plus the
        // footnotes that block brings to the page (a table citing many sources otherwise leaves its heading behind).
        EnsureSpace(Theme.H2Size * 2 + Math.Min(Math.Max(next, 40), 260) + nextFootnotes);
        if (!AtTop)
        {
            _y += 8;
        }

        Anchor(h.Anchor!);
        _y += H2Line(Theme.H2Size, h.Text);
        _y += 3;
    }

    /// <summary>Roughly how much of <paramref name="block"/> must follow a heading on the same page.</summary>
    private float EstimateHeight(Block block) => block switch
    {
        Figure f => f.Height + 30,
        Table t => TableLeadHeight(t),
        KeyFigures => 75,
        VerdictBanner => 40,
        Paragraph p => TextWrapper.Wrap(fonts, p.Text, Theme.ContentWidth, Theme.BodySize).Count * Theme.BodySize * Theme.LineFactor + (p.Style == ParagraphStyle.Callout ? 16 : 0),
        _ => 60,
    };

    private float H2Line(float size, string text)
    {
        float used = 0;
        foreach (var line in TextWrapper.Wrap(fonts, text, Theme.ContentWidth, size, bold: true))
        {
            used += size * 1.3f;
            AddLine(line, Theme.ContentLeft, _y + used, size, true, Theme.Heading);
        }

        return used + 3;
    }

    private void ParagraphBlock(Paragraph p)
    {
        var (size, color) = p.Style switch
        {
            ParagraphStyle.Small => (Theme.SmallSize, Theme.Muted),
            ParagraphStyle.Caption => (Theme.CaptionSize, Theme.Muted),
            _ => (Theme.BodySize, Theme.Ink),
        };
        var lineHeight = size * Theme.LineFactor;
        var marker = Markers(p.Sources, lineHeight * 2);
        var lines = TextWrapper.Wrap(fonts, p.Text, Theme.ContentWidth, size, marker: marker);
        foreach (var line in lines)
        {
            EnsureSpace(lineHeight);
            AddLine(line, Theme.ContentLeft, _y + size, size, false, color);
            _y += lineHeight;
        }

        _y += BlockGap;
    }

    private void CalloutBlock(Paragraph p)
    {
        const float pad = 8;
        var size = Theme.BodySize;
        var lineHeight = size * Theme.LineFactor;
        var lines = TextWrapper.Wrap(fonts, p.Text, Theme.ContentWidth - 2 * pad - 4, size);
        var height = lines.Count * lineHeight + 2 * pad - (lineHeight - size * 1.2f);
        var marker = Markers(p.Sources, height);
        if (marker is not null)
        {
            lines = TextWrapper.Wrap(fonts, p.Text, Theme.ContentWidth - 2 * pad - 4, size, marker: marker);
        }
        var box = new SKRect(Theme.ContentLeft, _y, Theme.ContentRight, _y + height);
        _page.Items.Add(new RectItem(box, Theme.Soft(p.Tone), 3));
        _page.Items.Add(new RectItem(new SKRect(box.Left, box.Top, box.Left + 3.5f, box.Bottom), Theme.Strong(p.Tone)));
        var y = _y + pad;
        foreach (var line in lines)
        {
            AddLine(line, Theme.ContentLeft + pad + 4, y + size, size, false, Theme.Ink);
            y += lineHeight;
        }

        _y += height + BlockGap + 2;
    }

    private void BulletBlock(BulletList list)
    {
        var size = Theme.BodySize;
        var lineHeight = size * Theme.LineFactor;
        const float indent = 12;
        foreach (var item in list.Items)
        {
            var lines = TextWrapper.Wrap(fonts, item, Theme.ContentWidth - indent, size);
            for (var i = 0; i < lines.Count; i++)
            {
                EnsureSpace(lineHeight);
                if (i == 0)
                {
                    _page.Items.Add(new TextItem(Theme.ContentLeft + 2, _y + size, "•", false, size, Theme.Accent));
                }

                AddLine(lines[i], Theme.ContentLeft + indent, _y + size, size, false, Theme.Ink);
                _y += lineHeight;
            }

            _y += 1.5f;
        }

        _y += BlockGap - 1.5f;
    }

    private void FigureBlock(Figure f)
    {
        var captionText = $"**Figure {++_figureNumber}.** {f.Caption}";
        var captionLines = TextWrapper.Wrap(fonts, captionText, Theme.ContentWidth, Theme.CaptionSize, marker: "[00]");
        var lineHeight = Theme.CaptionSize * Theme.LineFactor;
        var height = f.Height + 4 + captionLines.Count * lineHeight;
        var marker = Markers(f.Sources, height);
        captionLines = TextWrapper.Wrap(fonts, captionText, Theme.ContentWidth, Theme.CaptionSize, marker: marker);
        _page.Items.Add(new ChartItem(new SKRect(Theme.ContentLeft, _y, Theme.ContentRight, _y + f.Height), f.Chart));
        _y += f.Height + 4;
        foreach (var line in captionLines)
        {
            AddLine(line, Theme.ContentLeft, _y + Theme.CaptionSize, Theme.CaptionSize, false, Theme.Muted);
            _y += lineHeight;
        }

        _y += BlockGap + 4;
    }

    private void BannerBlock(VerdictBanner v)
    {
        const float badgeHeight = 30;
        var badgeWidth = Math.Max(96, fonts.Measure(v.Verdict, true, 14) + 28);
        var size = Theme.BodySize + 0.5f;
        var lines = TextWrapper.Wrap(fonts, v.Text, Theme.ContentWidth - badgeWidth - 14, size);
        var lineHeight = size * Theme.LineFactor;
        var height = Math.Max(badgeHeight, lines.Count * lineHeight);
        EnsureSpace(height);
        var top = _y + (height - badgeHeight) / 2;
        _page.Items.Add(new RectItem(new SKRect(Theme.ContentLeft, top, Theme.ContentLeft + badgeWidth, top + badgeHeight), Theme.Strong(v.Tone), 5));
        _page.Items.Add(new TextItem(Theme.ContentLeft + badgeWidth / 2, top + 20, v.Verdict, true, 14, SKColors.White, SKTextAlign.Center));
        var y = _y + (height - lines.Count * lineHeight) / 2;
        foreach (var line in lines)
        {
            AddLine(line, Theme.ContentLeft + badgeWidth + 14, y + size, size, false, Theme.Ink);
            y += lineHeight;
        }

        _y += height + BlockGap + 4;
    }

    private void TilesBlock(KeyFigures k)
    {
        const int perRow = 4;
        const float gap = 8;
        const float pad = 7;
        var width = (Theme.ContentWidth - gap * (perRow - 1)) / perRow;
        for (var start = 0; start < k.Tiles.Count; start += perRow)
        {
            var row = k.Tiles.Skip(start).Take(perRow).ToList();
            var details = row.Select(t => TextWrapper.Wrap(fonts, t.Detail ?? "", width - 2 * pad - 3, Theme.SmallSize)).ToList();
            var detailLines = details.Max(d => d.Count);
            var height = pad + 10 + 22 + detailLines * Theme.SmallSize * 1.3f + pad;
            EnsureSpace(height);
            for (var i = 0; i < row.Count; i++)
            {
                var tile = row[i];
                var x = Theme.ContentLeft + i * (width + gap);
                _page.Items.Add(new RectItem(new SKRect(x, _y, x + width, _y + height), Theme.TileFill, 3));
                _page.Items.Add(new RectItem(new SKRect(x, _y, x + width, _y + height), Theme.Rule, 3, 0.6f));
                _page.Items.Add(new RectItem(new SKRect(x, _y, x + 3, _y + height), Theme.Strong(tile.Tone)));
                var tx = x + pad + 3;
                _page.Items.Add(new TextItem(tx, _y + pad + 7, Ellipsize(tile.Label.ToUpperInvariant(), width - 2 * pad - 3, true, 6.5f), true, 6.5f, Theme.Muted));
                var valueSize = FitSize(tile.Value, width - 2 * pad - 3, 16, true);
                _page.Items.Add(new TextItem(tx, _y + pad + 10 + 18, tile.Value, true, valueSize, tile.Tone == Tone.Neutral ? Theme.Heading : Theme.Strong(tile.Tone)));
                var dy = _y + pad + 10 + 22 + Theme.SmallSize;
                foreach (var line in details[i])
                {
                    AddLine(line, tx, dy, Theme.SmallSize, false, Theme.Muted);
                    dy += Theme.SmallSize * 1.3f;
                }
            }

            _y += height + gap;
        }

        _y += BlockGap - gap + 4;
    }

    /// <summary>Numbers the block's sources, reserves room for their footnotes (moving on a page if they and the block's first part don't fit) and returns the marker.</summary>
    private string? Markers(IReadOnlyList<SourceRef> sources, float firstPartHeight)
    {
        if (sources.Count == 0)
        {
            EnsureSpace(firstPartHeight);
            return null;
        }

        var notes = sources.Select(s => new Footnote(FootnoteNumber(s.Display), s.Display)).DistinctBy(n => n.Number).ToList();
        if (_y + firstPartHeight > Theme.ContentBottom - FootnotesHeight(Union(notes)) && !AtTop)
        {
            NewPage();
        }

        _page.Footnotes.AddRange(notes.Where(n => !_page.Footnotes.Any(f => f.Number == n.Number)));
        _footnoteHeight = FootnotesHeight(_page.Footnotes);
        return "[" + string.Join(",", notes.Select(n => n.Number.ToString(CultureInfo.InvariantCulture))) + "]";
    }

    /// <summary>How much the footnote area of the current page grows if a block citing <paramref name="sources"/> is placed on it.</summary>
    private float AddedFootnotesHeight(IReadOnlyList<SourceRef> sources)
    {
        if (sources.Count == 0)
        {
            return 0;
        }

        // Numbers are handed out in first-use order; the block is placed right after this, so the order is the same.
        var notes = sources.Select(s => new Footnote(FootnoteNumber(s.Display), s.Display)).DistinctBy(n => n.Number).ToList();
        return Math.Max(0, FootnotesHeight(Union(notes)) - _footnoteHeight);
    }

    private List<Footnote> Union(List<Footnote> notes)
        => _page.Footnotes.Concat(notes).DistinctBy(n => n.Number).ToList();

    private int FootnoteNumber(string display)
    {
        if (!_footnoteNumbers.TryGetValue(display, out var number))
        {
            number = _footnoteNumbers.Count + 1;
            _footnoteNumbers[display] = number;
        }

        return number;
    }

    private float FootnotesHeight(IEnumerable<Footnote> notes)
    {
        float h = 0;
        foreach (var note in notes)
        {
            h += FootnoteLines(note).Count * Theme.SmallSize * 1.3f + 1.5f;
        }

        return h == 0 ? 0 : h + FootnoteGap;
    }

    private IReadOnlyList<TextLine> FootnoteLines(Footnote note)
        => TextWrapper.Wrap(fonts, note.Text, Theme.ContentWidth - 24, Theme.SmallSize);

    private void EnsureSpace(float height)
    {
        if (_y + height > Bottom && !AtTop)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        if (AtTop && !_page.IsCover && _page.Items.Count == 0)
        {
            return;
        }

        FinishPage();
        _page = new LaidOutPage();
        _pages.Add(_page);
        _y = Theme.ContentTop;
        _footnoteHeight = 0;
    }

    private void FinishPage()
    {
        if (_page.Footnotes.Count == 0)
        {
            return;
        }

        var lineHeight = Theme.SmallSize * 1.3f;
        var height = _page.Footnotes.Sum(n => FootnoteLines(n).Count * lineHeight + 1.5f);
        var y = Theme.ContentBottom - height;
        _page.Items.Add(new LineItem(Theme.ContentLeft, y - 4, Theme.ContentLeft + 120, y - 4, Theme.Rule, 0.6f));
        foreach (var note in _page.Footnotes.OrderBy(n => n.Number))
        {
            var lines = FootnoteLines(note);
            _page.Items.Add(new TextItem(Theme.ContentLeft, y + Theme.SmallSize, $"[{note.Number}]", true, Theme.SmallSize, Theme.Muted));
            foreach (var line in lines)
            {
                AddLine(line, Theme.ContentLeft + 24, y + Theme.SmallSize, Theme.SmallSize, false, Theme.Muted);
                y += lineHeight;
            }

            y += 1.5f;
        }
    }

    private void Anchor(string name)
    {
        _anchors[name] = _pages.Count;
        _page.Items.Add(new DestinationItem(Theme.ContentLeft, Math.Max(_y - 6, 0), name));
    }

    private void AddLine(TextLine line, float x, float baseline, float size, bool bold, SKColor color)
    {
        foreach (var span in line.Spans)
        {
            if (span.Superscript)
            {
                _page.Items.Add(new TextItem(x + span.X, baseline - size * 0.35f, span.Text, false, TextWrapper.SuperscriptSize(size), Theme.Accent));
            }
            else
            {
                _page.Items.Add(new TextItem(x + span.X, baseline, span.Text, bold || span.Bold, size, color));
            }
        }
    }

    private string Ellipsize(string text, float width, bool bold, float size)
    {
        if (fonts.Measure(text, bold, size) <= width)
        {
            return text;
        }

        var n = text.Length;
        while (n > 1 && fonts.Measure(text[..n] + "…", bold, size) > width)
        {
            n--;
        }

        return text[..n] + "…";
    }

    private float FitSize(string text, float width, float size, bool bold)
    {
        while (size > 8 && fonts.Measure(text, bold, size) > width)
        {
            size -= 0.5f;
        }

        return size;
    }
}
