using Harness.Compliance.Evidence;
using Harness.Compliance.Nginx;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>Reads an nginx configuration (with includes) and reduces each server block to TLS, timeouts and body size.</summary>
internal static class NginxIngressCollector
{
    private const string Source = "nginx";

    /// <summary>Throws <see cref="NginxSyntaxException"/> (file:line:col) on a config nginx would reject syntactically.</summary>
    public static IngressFacts Collect(string configPath)
    {
        var loaded = NginxConfigLoader.Load(configPath);
        var evidence = new List<EvidenceItem>
        {
            new(Source, $"read {loaded.FilesRead.Count} file(s): {string.Join(", ", loaded.FilesRead)}", Path.GetFullPath(configPath)),
        };
        var servers = new List<IngressServer>();
        foreach (var http in loaded.Directives.Where(d => d.Name == "http" && d.Block is not null))
        {
            var inherited = Settings.Empty.Apply(http);
            foreach (var server in http.Children("server").Where(s => s.Block is not null))
            {
                var facts = Reduce(server, inherited.Apply(server));
                servers.Add(facts);
                evidence.Add(new EvidenceItem(Source, Describe(facts), facts.Location));
            }
        }

        if (servers.Count == 0)
        {
            evidence.Add(new EvidenceItem(Source, "no http { server { } } block found", Path.GetFullPath(configPath)));
        }

        return new IngressFacts { File = Path.GetFullPath(configPath), Servers = servers, Evidence = evidence };
    }

    private static IngressServer Reduce(NginxDirective server, Settings settings)
    {
        var listens = server.Children("listen").Select(l => string.Join(' ', l.Args)).ToList();
        var tls = server.Children("listen").Any(l => l.Args.Skip(1).Contains("ssl", StringComparer.Ordinal))
            || server.Children("ssl").Any(s => s.Args is ["on"]);
        var proxying = new List<Settings>();
        var redirects = IsHttpsRedirect(server);
        CollectLocations(server, settings, proxying, ref redirects);

        var effective = proxying.Count > 0 ? proxying : [settings];
        var timeout = effective.MinBy(s => s.ReadTimeout)!;
        // The most permissive limit is what a client can actually send (0 = unlimited).
        var body = effective.MaxBy(s => s.BodySize == 0 ? long.MaxValue : s.BodySize)!;
        return new IngressServer
        {
            Location = server.Location,
            ServerName = server.Child("server_name") is { } name ? string.Join(' ', name.Args) : "_",
            Listens = listens.Count > 0 ? listens : ["80 (nginx default)"],
            Tls = tls,
            Certificate = settings.Certificate,
            CertificateKey = settings.CertificateKey,
            Proxies = proxying.Count > 0,
            RedirectsToHttps = redirects && proxying.Count == 0,
            ProxyReadTimeout = timeout.ReadTimeout,
            ProxyReadTimeoutSource = timeout.ReadTimeoutSource,
            ClientMaxBodySize = body.BodySize,
            ClientMaxBodySizeSource = body.BodySizeSource,
        };
    }

    private static void CollectLocations(NginxDirective block, Settings inherited, List<Settings> proxying, ref bool redirects)
    {
        foreach (var location in block.Children("location").Where(l => l.Block is not null))
        {
            var settings = inherited.Apply(location);
            if (location.Child("proxy_pass") is not null)
            {
                proxying.Add(settings);
            }

            redirects |= IsHttpsRedirect(location);
            CollectLocations(location, settings, proxying, ref redirects);
        }
    }

    private static bool IsHttpsRedirect(NginxDirective block)
        => block.Children("return").Any(r => r.Args.Count == 2 && r.Args[0] is "301" or "302" or "307" or "308"
            && r.Args[1].StartsWith("https://", StringComparison.OrdinalIgnoreCase));

    private static string Describe(IngressServer s)
    {
        var tls = s.Tls
            ? $"TLS on; ssl_certificate {s.Certificate ?? "(missing)"}; ssl_certificate_key {s.CertificateKey ?? "(missing)"}"
            : "no TLS listener";
        var role = s.Proxies ? "proxies" : s.RedirectsToHttps ? "redirects to https" : "does not proxy";
        return $"server {s.ServerName}: listen {string.Join(" | ", s.Listens)}; {tls}; {role}; " +
            $"proxy_read_timeout {s.ProxyReadTimeout.TotalSeconds:0.###}s ({s.ProxyReadTimeoutSource}); " +
            $"client_max_body_size {(s.ClientMaxBodySize == 0 ? "0 (unlimited)" : s.ClientMaxBodySize + " bytes")} ({s.ClientMaxBodySizeSource})";
    }

    /// <summary>The inheritable directives the rules need; inner blocks override outer ones, as in nginx.</summary>
    private sealed record Settings(string? Certificate, string? CertificateKey, TimeSpan ReadTimeout, string ReadTimeoutSource, long BodySize, string BodySizeSource)
    {
        public static Settings Empty { get; } = new(null, null, TimeSpan.FromSeconds(60), "nginx default 60s", 1024 * 1024, "nginx default 1m");

        public Settings Apply(NginxDirective block)
        {
            var result = this;
            if (block.Child("ssl_certificate") is { Args.Count: 1 } cert)
            {
                result = result with { Certificate = cert.Args[0] };
            }

            if (block.Child("ssl_certificate_key") is { Args.Count: 1 } key)
            {
                result = result with { CertificateKey = key.Args[0] };
            }

            if (block.Child("proxy_read_timeout") is { Args.Count: 1 } read)
            {
                if (!NginxValues.TryParseTime(read.Args[0], out var t))
                {
                    throw new NginxSyntaxException(read.File, read.Line, read.Column, $"proxy_read_timeout \"{read.Args[0]}\" is not an nginx time");
                }

                result = result with { ReadTimeout = t, ReadTimeoutSource = $"proxy_read_timeout {read.Args[0]} at {read.Location}" };
            }

            if (block.Child("client_max_body_size") is { Args.Count: 1 } size)
            {
                if (!NginxValues.TryParseSize(size.Args[0], out var bytes))
                {
                    throw new NginxSyntaxException(size.File, size.Line, size.Column, $"client_max_body_size \"{size.Args[0]}\" is not an nginx size");
                }

                result = result with { BodySize = bytes, BodySizeSource = $"client_max_body_size {size.Args[0]} at {size.Location}" };
            }

            return result;
        }
    }
}
