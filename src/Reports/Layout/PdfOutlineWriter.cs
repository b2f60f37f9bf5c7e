using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Harness.Reports.Layout;

/// <summary>
/// Adds a PDF outline (bookmarks) to a finished Skia PDF by an incremental update: SkiaSharp writes named
/// destinations but has no outline API, so the catalog is re-issued with /Outlines pointing at entries that
/// jump to those destinations.
/// </summary>
internal static partial class PdfOutlineWriter
{
    public static byte[] AddOutline(byte[] pdf, IReadOnlyList<OutlineEntry> entries)
    {
        if (entries.Count == 0)
        {
            return pdf;
        }

        var text = Encoding.Latin1.GetString(pdf);
        var startXref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        var trailerAt = text.LastIndexOf("trailer", StringComparison.Ordinal);
        if (startXref < 0 || trailerAt < 0 || trailerAt > startXref)
        {
            throw new InvalidDataException("The PDF has no classic trailer; cannot add an outline.");
        }

        var prevXref = long.Parse(NumberAfter().Match(text, startXref + 9).Groups[1].Value, CultureInfo.InvariantCulture);
        var trailer = text[trailerAt..startXref];
        var size = int.Parse(SizeKey().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var root = int.Parse(RootKey().Match(trailer).Groups[1].Value, CultureInfo.InvariantCulture);
        var info = InfoKey().Match(trailer);
        var id = IdKey().Match(trailer);
        var catalog = ObjectDictionary(text, root);

        var update = new StringBuilder();
        var offsets = new SortedDictionary<int, long>();
        long baseOffset = pdf.Length + 1;

        void Emit(int number, string body)
        {
            offsets[number] = baseOffset + Encoding.Latin1.GetByteCount(update.ToString());
            update.Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n{body}\nendobj\n");
        }

        var outlineRoot = size;
        var numbers = Enumerable.Range(size + 1, entries.Count).ToArray();
        var parents = new int[entries.Count];
        var tops = new List<int>();
        var lastTop = -1;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Level <= 1 || lastTop < 0)
            {
                tops.Add(i);
                lastTop = i;
                parents[i] = -1;
            }
            else
            {
                parents[i] = lastTop;
            }
        }

        Emit(root, catalog[..catalog.LastIndexOf(">>", StringComparison.Ordinal)].TrimEnd()
            + $" /Outlines {outlineRoot} 0 R /PageMode /UseOutlines >>");
        Emit(outlineRoot, $"<< /Type /Outlines /First {numbers[tops[0]]} 0 R /Last {numbers[tops[^1]]} 0 R /Count {entries.Count} >>");
        for (var i = 0; i < entries.Count; i++)
        {
            var siblings = parents[i] < 0 ? tops : Enumerable.Range(0, entries.Count).Where(j => parents[j] == parents[i]).ToList();
            var at = siblings.IndexOf(i);
            var children = Enumerable.Range(0, entries.Count).Where(j => parents[j] == i).ToList();
            var body = new StringBuilder("<< /Title ").Append(Utf16Hex(entries[i].Title))
                .Append(CultureInfo.InvariantCulture, $" /Parent {(parents[i] < 0 ? outlineRoot : numbers[parents[i]])} 0 R")
                .Append(" /Dest ").Append(Name(entries[i].Anchor));
            if (at > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $" /Prev {numbers[siblings[at - 1]]} 0 R");
            }

            if (at < siblings.Count - 1)
            {
                body.Append(CultureInfo.InvariantCulture, $" /Next {numbers[siblings[at + 1]]} 0 R");
            }

            if (children.Count > 0)
            {
                body.Append(CultureInfo.InvariantCulture, $" /First {numbers[children[0]]} 0 R /Last {numbers[children[^1]]} 0 R /Count {children.Count}");
            }

            Emit(numbers[i], body.Append(" >>").ToString());
        }

        var xrefOffset = baseOffset + Encoding.Latin1.GetByteCount(update.ToString());
        update.Append("xref\n");
        foreach (var run in Runs(offsets.Keys))
        {
            update.Append(CultureInfo.InvariantCulture, $"{run.First} {run.Count}\n");
            for (var n = run.First; n < run.First + run.Count; n++)
            {
                update.Append(CultureInfo.InvariantCulture, $"{offsets[n]:D10} 00000 n \n");
            }
        }

        update.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {numbers[^1] + 1} /Root {root} 0 R");
        if (info.Success)
        {
            update.Append(' ').Append(info.Value);
        }

        if (id.Success)
        {
            update.Append(' ').Append(id.Value);
        }

        update.Append(CultureInfo.InvariantCulture, $" /Prev {prevXref} >>\nstartxref\n{xrefOffset}\n%%EOF\n");

        var tail = Encoding.Latin1.GetBytes("\n" + update);
        var result = new byte[pdf.Length + tail.Length];
        pdf.CopyTo(result, 0);
        tail.CopyTo(result, pdf.Length);
        return result;
    }

    private static string ObjectDictionary(string text, int number)
    {
        var header = new Regex($@"(?:^|[\r\n]){number} 0 obj\s*", RegexOptions.CultureInvariant);
        var match = header.Match(text);
        if (!match.Success)
        {
            throw new InvalidDataException($"The PDF catalog object {number} was not found.");
        }

        var start = match.Index + match.Length;
        var depth = 0;
        for (var i = start; i < text.Length - 1; i++)
        {
            if (text[i] == '<' && text[i + 1] == '<')
            {
                depth++;
                i++;
            }
            else if (text[i] == '>' && text[i + 1] == '>')
            {
                depth--;
                i++;
                if (depth == 0)
                {
                    return text[start..(i + 1)];
                }
            }
        }

        throw new InvalidDataException($"The PDF catalog object {number} is not a dictionary.");
    }

    private static IEnumerable<(int First, int Count)> Runs(IEnumerable<int> numbers)
    {
        int? first = null;
        var count = 0;
        foreach (var n in numbers)
        {
            if (first is { } f && n == f + count)
            {
                count++;
                continue;
            }

            if (first is { } done)
            {
                yield return (done, count);
            }

            first = n;
            count = 1;
        }

        if (first is { } last)
        {
            yield return (last, count);
        }
    }

    private static string Utf16Hex(string s)
    {
        var bytes = Encoding.BigEndianUnicode.GetBytes(s);
        return "<FEFF" + Convert.ToHexString(bytes) + ">";
    }

    /// <summary>A PDF name object; characters outside the regular set are #-escaped as the spec asks.</summary>
    private static string Name(string s)
    {
        var sb = new StringBuilder("/");
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            if (b is > 0x20 and < 0x7F && "#()<>[]{}/%".IndexOf((char)b, StringComparison.Ordinal) < 0)
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"#{b:X2}");
            }
        }

        return sb.ToString();
    }

    [GeneratedRegex(@"\s*(\d+)")]
    private static partial Regex NumberAfter();

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex SizeKey();

    [GeneratedRegex(@"/Root\s+(\d+)\s+0\s+R")]
    private static partial Regex RootKey();

    [GeneratedRegex(@"/Info\s+\d+\s+0\s+R")]
    private static partial Regex InfoKey();

    [GeneratedRegex(@"/ID\s*\[[^\]]*\]")]
    private static partial Regex IdKey();
}
