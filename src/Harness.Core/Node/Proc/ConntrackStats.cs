using System.Globalization;

namespace Harness.Node.Proc;

/// <summary>Totals from <c>/proc/net/stat/nf_conntrack</c>: one hex row per CPU, summed; <c>entries</c> is table-wide, not per CPU.</summary>
internal sealed record ConntrackStats(long Entries, long Found, long Invalid, long Insert, long InsertFailed, long Drop, long EarlyDrop, long SearchRestart)
{
    /// <summary>Parses the file's text; throws <see cref="FormatException"/> naming the column or line on bad input.</summary>
    public static ConntrackStats Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2)
        {
            throw new FormatException("nf_conntrack stat: expected a header line and at least one CPU row");
        }

        var header = lines[0].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var sums = new long[header.Length];
        long entries = 0;
        for (var row = 1; row < lines.Length; row++)
        {
            var cells = lines[row].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (cells.Length != header.Length)
            {
                throw new FormatException($"nf_conntrack stat: line {row + 1} has {cells.Length} columns, header has {header.Length}");
            }

            for (var c = 0; c < cells.Length; c++)
            {
                if (!long.TryParse(cells[c], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
                {
                    throw new FormatException($"nf_conntrack stat: line {row + 1}, column {header[c]}: '{cells[c]}' is not hex");
                }

                sums[c] += value;
            }

            if (row == 1)
            {
                entries = long.Parse(cells[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }
        }

        long Column(string name)
        {
            var index = Array.IndexOf(header, name);
            return index < 0 ? 0 : sums[index];
        }

        return new ConntrackStats(entries, Column("found"), Column("invalid"), Column("insert"), Column("insert_failed"), Column("drop"), Column("early_drop"), Column("search_restart"));
    }
}
