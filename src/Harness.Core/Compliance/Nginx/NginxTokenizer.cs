using System.Text;

namespace Harness.Compliance.Nginx;

/// <summary>
/// Splits nginx configuration text the way ngx_conf_read_token does: whitespace separates words,
/// ';' '{' '}' are tokens, '#' starts a comment at a token boundary, quotes group and backslash escapes,
/// and "${name}" stays inside its word.
/// </summary>
internal static class NginxTokenizer
{
    public static List<NginxToken> Tokenize(string text, string file)
    {
        var tokens = new List<NginxToken>();
        var line = 1;
        var column = 1;
        var i = 0;

        char Next()
        {
            var c = text[i++];
            if (c == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            return c;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                Next();
                continue;
            }

            if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    Next();
                }

                continue;
            }

            var (startLine, startColumn) = (line, column);
            switch (c)
            {
                case ';':
                    Next();
                    tokens.Add(new NginxToken(NginxTokenKind.Semicolon, ";", startLine, startColumn));
                    continue;
                case '{':
                    Next();
                    tokens.Add(new NginxToken(NginxTokenKind.OpenBrace, "{", startLine, startColumn));
                    continue;
                case '}':
                    Next();
                    tokens.Add(new NginxToken(NginxTokenKind.CloseBrace, "}", startLine, startColumn));
                    continue;
                case '"' or '\'':
                    tokens.Add(new NginxToken(NginxTokenKind.Word, ReadQuoted(Next(), startLine, startColumn), startLine, startColumn));
                    continue;
            }

            var word = new StringBuilder();
            while (i < text.Length)
            {
                c = text[i];
                if (char.IsWhiteSpace(c) || c is ';' or '{' or '}')
                {
                    if (c == '{' && word.Length > 0 && word[^1] == '$')
                    {
                        // "${name}" is a variable reference, not a block.
                        while (i < text.Length && text[i] != '}')
                        {
                            word.Append(Next());
                        }

                        if (i >= text.Length)
                        {
                            throw new NginxSyntaxException(file, startLine, startColumn, "unterminated \"${\" variable");
                        }

                        word.Append(Next());
                        continue;
                    }

                    break;
                }

                if (c == '\\' && i + 1 < text.Length)
                {
                    Next();
                    word.Append(Next());
                    continue;
                }

                word.Append(Next());
            }

            tokens.Add(new NginxToken(NginxTokenKind.Word, word.ToString(), startLine, startColumn));
        }

        return tokens;

        string ReadQuoted(char quote, int startLine, int startColumn)
        {
            var value = new StringBuilder();
            while (i < text.Length)
            {
                var c = Next();
                if (c == quote)
                {
                    return value.ToString();
                }

                if (c == '\\' && i < text.Length)
                {
                    var escaped = Next();
                    value.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => escaped });
                    continue;
                }

                value.Append(c);
            }

            throw new NginxSyntaxException(file, startLine, startColumn, $"unterminated {quote}quoted{quote} string");
        }
    }
}
