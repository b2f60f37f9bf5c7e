namespace Harness.Compliance.Nginx;

/// <summary>Builds the directive tree from tokens; unbalanced braces and a missing ';' are errors with positions.</summary>
internal static class NginxParser
{
    public static IReadOnlyList<NginxDirective> Parse(string text, string file)
    {
        var tokens = NginxTokenizer.Tokenize(text, file);
        var position = 0;
        var result = ParseBlock(tokens, ref position, file, topLevel: true, opener: null);
        return result;
    }

    private static List<NginxDirective> ParseBlock(List<NginxToken> tokens, ref int position, string file, bool topLevel, NginxToken? opener)
    {
        var directives = new List<NginxDirective>();
        while (position < tokens.Count)
        {
            var token = tokens[position];
            if (token.Kind == NginxTokenKind.CloseBrace)
            {
                if (topLevel)
                {
                    throw new NginxSyntaxException(file, token.Line, token.Column, "unexpected \"}\"");
                }

                position++;
                return directives;
            }

            if (token.Kind != NginxTokenKind.Word)
            {
                throw new NginxSyntaxException(file, token.Line, token.Column, $"unexpected \"{token.Text}\"");
            }

            position++;
            var args = new List<string>();
            while (position < tokens.Count && tokens[position].Kind == NginxTokenKind.Word)
            {
                args.Add(tokens[position++].Text);
            }

            if (position >= tokens.Count)
            {
                throw new NginxSyntaxException(file, token.Line, token.Column, $"directive \"{token.Text}\" has no terminating \";\" or \"{{\"");
            }

            var end = tokens[position++];
            switch (end.Kind)
            {
                case NginxTokenKind.Semicolon:
                    directives.Add(new NginxDirective(token.Text, args, null, file, token.Line, token.Column));
                    break;
                case NginxTokenKind.OpenBrace:
                    var children = ParseBlock(tokens, ref position, file, topLevel: false, opener: end);
                    directives.Add(new NginxDirective(token.Text, args, children, file, token.Line, token.Column));
                    break;
                default:
                    throw new NginxSyntaxException(file, end.Line, end.Column, $"directive \"{token.Text}\" is not terminated by \";\"");
            }
        }

        if (!topLevel)
        {
            var at = opener!.Value;
            throw new NginxSyntaxException(file, at.Line, at.Column, "unexpected end of file, expecting \"}\" for the block opened here");
        }

        return directives;
    }
}
