using Harness.Reports.Model;
using SkiaSharp;

namespace Harness.Reports.Layout;

/// <summary>Tables: wrapped cells, zebra rows, verdict badges, and page breaks that repeat the header row.</summary>
internal sealed partial class LayoutEngine
{
    private const float CellPadX = 4;
    private const float CellPadY = 3;
    private const float KeepTogetherHeight = 240;

    private void TableBlock(Table table)
    {
        var size = Theme.TableSize;
        var lineHeight = size * 1.3f;
        var widths = ColumnWidths(table);
        var header = table.Columns.Select((c, i) => TextWrapper.Wrap(fonts, c.Header, widths[i] - 2 * CellPadX, size, bold: true)).ToList();
        var headerHeight = header.Max(h => h.Count) * lineHeight + 2 * CellPadY;
        var rows = table.Rows.Select(r => WrapRow(r, widths, size)).ToList();
        var rowHeights = rows.Select((r, i) => r.Max(c => c.Count) * lineHeight + 2 * CellPadY + (HasBadge(table.Rows[i]) ? 2 : 0)).ToList();
        var title = table.Title is null ? null : $"Table {++_tableNumber}. {table.Title}";
        var titleHeight = title is null ? 0 : Theme.BodySize * 1.6f;

        // Small tables stay whole; long ones start once their title, header and first row fit.
        var whole = titleHeight + headerHeight + rowHeights.Sum() + 4;
        var first = whole <= KeepTogetherHeight ? whole : titleHeight + headerHeight + (rowHeights.Count > 0 ? rowHeights[0] : 0);
        var marker = Markers(table.Sources, first);
        if (title is not null)
        {
            TableTitle(title, marker);
        }

        HeaderRow(table, header, widths, headerHeight);
        for (var r = 0; r < rows.Count; r++)
        {
            if (_y + rowHeights[r] > Bottom)
            {
                _page.Items.Add(new LineItem(Theme.ContentLeft, _y, Theme.ContentRight, _y, Theme.Rule, 0.6f));
                NewPage();
                if (title is not null)
                {
                    TableTitle(title + " (continued)", null);
                }

                HeaderRow(table, header, widths, headerHeight);
            }

            if (r % 2 == 1)
            {
                _page.Items.Add(new RectItem(new SKRect(Theme.ContentLeft, _y, Theme.ContentRight, _y + rowHeights[r]), Theme.Zebra));
            }

            Row(table, table.Rows[r], rows[r], widths, rowHeights[r], size);
            _y += rowHeights[r];
        }

        _page.Items.Add(new LineItem(Theme.ContentLeft, _y, Theme.ContentRight, _y, Theme.Rule, 0.6f));
        _y += 3;
        if (table.Note is not null)
        {
            foreach (var line in TextWrapper.Wrap(fonts, table.Note, Theme.ContentWidth, Theme.SmallSize))
            {
                EnsureSpace(Theme.SmallSize * 1.35f);
                AddLine(line, Theme.ContentLeft, _y + Theme.SmallSize, Theme.SmallSize, false, Theme.Muted);
                _y += Theme.SmallSize * 1.35f;
            }
        }

        _y += BlockGap + 4;
    }

    /// <summary>The height a table needs on its first page: all of it if it is kept whole, else title, header and first row.</summary>
    private float TableLeadHeight(Table table)
    {
        var lineHeight = Theme.TableSize * 1.3f;
        var widths = ColumnWidths(table);
        var header = table.Columns.Select((c, i) => TextWrapper.Wrap(fonts, c.Header, widths[i] - 2 * CellPadX, Theme.TableSize, bold: true).Count).Max() * lineHeight + 2 * CellPadY;
        var rows = table.Rows.Take(12).Select(r => WrapRow(r, widths, Theme.TableSize).Max(c => c.Count) * lineHeight + 2 * CellPadY).ToList();
        var title = table.Title is null ? 0 : Theme.BodySize * 1.6f;
        var whole = title + header + rows.Sum() + 4;
        return table.Rows.Count <= 12 && whole <= KeepTogetherHeight ? whole : title + header + (rows.Count > 0 ? rows[0] : 0);
    }

    private void TableTitle(string title, string? marker)
    {
        foreach (var line in TextWrapper.Wrap(fonts, title, Theme.ContentWidth, Theme.BodySize, bold: true, marker: marker))
        {
            AddLine(line, Theme.ContentLeft, _y + Theme.BodySize, Theme.BodySize, true, Theme.Heading);
            _y += Theme.BodySize * 1.35f;
        }

        _y += 2;
    }

    private void HeaderRow(Table table, List<IReadOnlyList<TextLine>> header, float[] widths, float height)
    {
        _page.Items.Add(new RectItem(new SKRect(Theme.ContentLeft, _y, Theme.ContentRight, _y + height), Theme.Heading));
        var x = Theme.ContentLeft;
        for (var i = 0; i < header.Count; i++)
        {
            var y = _y + CellPadY + Theme.TableSize;
            foreach (var line in header[i])
            {
                var lx = table.Columns[i].AlignRight ? x + widths[i] - CellPadX - line.Width : x + CellPadX;
                AddLine(line, lx, y, Theme.TableSize, true, SKColors.White);
                y += Theme.TableSize * 1.3f;
            }

            x += widths[i];
        }

        _y += height;
    }

    private void Row(Table table, IReadOnlyList<TableCell> cells, List<IReadOnlyList<TextLine>> wrapped, float[] widths, float height, float size)
    {
        var x = Theme.ContentLeft;
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Count ? cells[i] : new TableCell("");
            var y = _y + CellPadY + size;
            if (cell.Badge is { } tone)
            {
                var w = wrapped[i].Count == 0 ? 0 : wrapped[i].Max(l => l.Width);
                var bx = table.Columns[i].AlignRight ? x + widths[i] - CellPadX - w - 4 : x + CellPadX - 1;
                var badgeBottom = _y + CellPadY + wrapped[i].Count * size * 1.3f + 1;
                _page.Items.Add(new RectItem(new SKRect(bx, _y + CellPadY - 1, bx + w + 6, badgeBottom), Theme.Strong(tone), 2.5f));
                foreach (var line in wrapped[i])
                {
                    AddLine(line, bx + 3, y + 1, size, true, SKColors.White);
                    y += size * 1.3f;
                }
            }
            else
            {
                foreach (var line in wrapped[i])
                {
                    var lx = table.Columns[i].AlignRight ? x + widths[i] - CellPadX - line.Width : x + CellPadX;
                    AddLine(line, lx, y, size, cell.Bold, Theme.Ink);
                    y += size * 1.3f;
                }
            }

            x += widths[i];
        }
    }

    private List<IReadOnlyList<TextLine>> WrapRow(IReadOnlyList<TableCell> cells, float[] widths, float size)
    {
        var result = new List<IReadOnlyList<TextLine>>(widths.Length);
        for (var i = 0; i < widths.Length; i++)
        {
            var cell = i < cells.Count ? cells[i] : new TableCell("");
            var pad = cell.Badge is null ? 2 * CellPadX : 2 * CellPadX + 8;
            result.Add(TextWrapper.Wrap(fonts, cell.Text, widths[i] - pad, size, bold: cell.Bold || cell.Badge is not null));
        }

        return result;
    }

    private static bool HasBadge(IReadOnlyList<TableCell> cells) => cells.Any(c => c.Badge is not null);

    /// <summary>
    /// Widths from the columns' weights, then widened where a column is narrower than its longest word (a header such as
    /// "cold/warm" or a cell such as "serializing" would otherwise break mid-word), taking the space from columns wider
    /// than their own longest word. When the words cannot all fit, the weights stand.
    /// </summary>
    private float[] ColumnWidths(Table table)
    {
        var columns = table.Columns;
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => Theme.ContentWidth * c.Weight / total).ToArray();
        var need = new float[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            need[i] = LongestWord(columns[i].Header, bold: true) + (2 * CellPadX);
            foreach (var row in table.Rows)
            {
                if (i < row.Count)
                {
                    var cell = row[i];
                    var pad = cell.Badge is null ? 2 * CellPadX : (2 * CellPadX) + 8;
                    need[i] = Math.Max(need[i], LongestWord(cell.Text, cell.Bold || cell.Badge is not null) + pad + 0.5f);
                }
            }
        }

        if (need.Sum() > Theme.ContentWidth)
        {
            return widths;
        }

        var deficit = widths.Select((w, i) => Math.Max(0, need[i] - w)).Sum();
        var slack = widths.Select((w, i) => Math.Max(0, w - need[i])).ToArray();
        var slackTotal = slack.Sum();
        if (deficit <= 0 || slackTotal <= 0)
        {
            return widths;
        }

        return widths.Select((w, i) => w < need[i] ? need[i] : w - (deficit * slack[i] / slackTotal)).ToArray();
    }

    private float LongestWord(string text, bool bold)
    {
        var longest = 0f;
        foreach (var word in text.Replace("**", "", StringComparison.Ordinal).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))
        {
            longest = Math.Max(longest, fonts.Measure(word, bold, Theme.TableSize));
        }

        return longest;
    }
}
