using System.Globalization;
using System.Text;

namespace Harness.Watchdog.Execution;

/// <summary>
/// The parsed head of a function's output when <c>cgi_response=true</c> (RFC 3875 style): header lines such as
/// <c>Status: 400</c> and <c>Content-Type: application/json</c>, a blank line, then the body.
/// </summary>
internal sealed record CgiResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, int BodyOffset)
{
    private const int MaxHeadBytes = 64 * 1024;

    /// <summary>Returns null when the output does not start with a well-formed header block; it is then all body.</summary>
    public static CgiResponse? TryParse(ReadOnlySpan<byte> output)
    {
        var status = 200;
        var headers = new List<KeyValuePair<string, string>>();
        var pos = 0;
        var limit = Math.Min(output.Length, MaxHeadBytes);
        while (pos < limit)
        {
            var nl = output[pos..limit].IndexOf((byte)'\n');
            if (nl < 0)
            {
                return null;
            }

            var line = output.Slice(pos, nl);
            pos += nl + 1;
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                return new CgiResponse(status, headers, pos);
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return null;
            }

            var name = Encoding.ASCII.GetString(line[..colon]).Trim();
            var value = Encoding.UTF8.GetString(line[(colon + 1)..]).Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                var code = value.Split(' ', 2)[0];
                if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out status) || status < 100 || status > 599)
                {
                    return null;
                }
            }
            else
            {
                headers.Add(new(name, value));
            }
        }

        return null;
    }
}
