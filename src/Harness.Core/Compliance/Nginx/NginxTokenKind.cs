namespace Harness.Compliance.Nginx;

/// <summary>The four kinds of token nginx's configuration syntax has.</summary>
internal enum NginxTokenKind
{
    Word,
    Semicolon,
    OpenBrace,
    CloseBrace,
}
