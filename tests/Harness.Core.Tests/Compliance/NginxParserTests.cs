using Harness.Compliance.Collectors;
using Harness.Compliance.Nginx;

namespace Harness.Core.Tests.Compliance;

public sealed class NginxParserTests
{
    [Fact]
    public void The_tokenizer_handles_quotes_escapes_comments_and_variables()
    {
        var directives = NginxParser.Parse("""
            # comment { not a block }
            add_header X-A "a; b" 'c d'; # trailing
            set $x ${host}suffix;
            return 200 "say \"hi\"";
            """, "t.conf");

        Assert.Equal(["add_header", "set", "return"], directives.Select(d => d.Name));
        Assert.Equal(["X-A", "a; b", "c d"], directives[0].Args);
        Assert.Equal(["$x", "${host}suffix"], directives[1].Args);
        Assert.Equal("say \"hi\"", directives[2].Args[1]);
        Assert.Equal(2, directives[0].Line);
    }

    [Theory]
    [InlineData("http {\n  server {\n    listen 80;\n", "t.conf:2:10: unexpected end of file")]
    [InlineData("http {\n}\n}\n", "t.conf:3:1: unexpected \"}\"")]
    [InlineData("events {}\nlisten 80\n", "t.conf:2:1: directive \"listen\" has no terminating")]
    [InlineData("error_log \"unterminated;\n", "t.conf:1:11: unterminated")]
    public void Syntax_errors_name_file_line_and_column(string text, string expected)
    {
        var ex = Assert.Throws<NginxSyntaxException>(() => NginxParser.Parse(text, "t.conf"));

        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_articles_plain_http_config_has_no_tls_and_the_default_timeouts()
    {
        var facts = NginxIngressCollector.Collect(ComplianceFixtures.Fixture("nginx", "article", "nginx.conf"));

        var server = Assert.Single(facts.Servers);
        Assert.False(server.Tls);
        Assert.True(server.Proxies);
        Assert.Equal("faas.example.no", server.ServerName);
        Assert.Equal(TimeSpan.FromSeconds(60), server.ProxyReadTimeout);
        Assert.Equal("nginx default 60s", server.ProxyReadTimeoutSource);
        Assert.Equal(1024 * 1024, server.ClientMaxBodySize);
        Assert.EndsWith("nginx.conf:5:5", server.Location, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tls_config_follows_includes_and_inherits_certificate_and_body_size()
    {
        var facts = NginxIngressCollector.Collect(ComplianceFixtures.Fixture("nginx", "tls", "nginx.conf"));

        Assert.Equal(2, facts.Servers.Count);
        var redirect = facts.Servers[0];
        Assert.True(redirect.RedirectsToHttps);
        Assert.False(redirect.Proxies);
        var tls = facts.Servers[1];
        Assert.True(tls.Tls);
        Assert.Equal("tls/cert.pem", tls.Certificate);
        Assert.Equal("tls/key.pem", tls.CertificateKey);
        Assert.Equal(TimeSpan.FromSeconds(30), tls.ProxyReadTimeout);
        Assert.Equal(4 * 1024 * 1024, tls.ClientMaxBodySize);
        Assert.Contains("conf.d", tls.Location, StringComparison.Ordinal);
        Assert.Contains(facts.Evidence, e => e.Observed.Contains("read 2 file(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_include_is_an_error_at_the_include()
    {
        var dir = Directory.CreateTempSubdirectory("nginx-inc-").FullName;
        try
        {
            var conf = Path.Combine(dir, "nginx.conf");
            File.WriteAllText(conf, "events {}\nhttp {\n  include missing.conf;\n}\n");

            var ex = Assert.Throws<NginxSyntaxException>(() => NginxIngressCollector.Collect(conf));

            Assert.StartsWith($"{conf}:3:3: included file", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("60", 60)]
    [InlineData("1m30s", 90)]
    [InlineData("500ms", 0.5)]
    [InlineData("1h", 3600)]
    public void Nginx_times_parse(string text, double seconds)
    {
        Assert.True(NginxValues.TryParseTime(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds);
    }

    [Fact]
    public void The_shipped_tls_ingress_config_passes_every_ingress_rule_input()
    {
        var facts = NginxIngressCollector.Collect(ComplianceFixtures.RepoFile("scenarios/ingress/nginx-gateway-tls.conf"));

        var proxying = facts.Servers.Where(s => s.Proxies).ToList();
        var server = Assert.Single(proxying);
        Assert.True(server.Tls);
        Assert.NotNull(server.Certificate);
        Assert.NotNull(server.CertificateKey);
        Assert.Equal(TimeSpan.FromSeconds(65), server.ProxyReadTimeout);
        Assert.Equal(10 * 1024 * 1024, server.ClientMaxBodySize);
        Assert.All(facts.Servers.Where(s => !s.Proxies), s => Assert.True(s.RedirectsToHttps));
    }
}
