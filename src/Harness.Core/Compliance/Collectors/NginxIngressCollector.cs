using Harness.Compliance.Evidence;
using Harness.Compliance.Nginx;
using EvidenceItem = Harness.Results.Evidence;

namespace Harness.Compliance.Collectors;

/// <summary>
/// Reads an nginx configuration (with includes) and reduces each server block to TLS, timeouts, body size and, per
/// proxying location, the settings nginx actually applies (inherited from http and server, else nginx's defaults).
/// </summary>
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
        var upstreams = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var http in loaded.Directives.Where(d => d.Name == "http" && d.Block is not null))
        {
            foreach (var upstream in http.Children("upstream").Where(u => u.Block is not null && u.Args.Count == 1))
            {
                var keepalive = upstream.Child("keepalive") is { Args.Count: 1 } k && int.TryParse(k.Args[0], out var n) ? n : 0;
                upstreams[upstream.Args[0]] = keepalive;
                evidence.Add(new EvidenceItem(Source, $"upstream {upstream.Args[0]}: keepalive {(keepalive > 0 ? keepalive.ToString(System.Globalization.CultureInfo.InvariantCulture) : "not set (no idle connections kept)")}", upstream.Location));
            }

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

        return new IngressFacts { File = Path.GetFullPath(configPath), Servers = servers, Evidence = evidence, UpstreamKeepalive = upstreams };
    }

    private static IngressServer Reduce(NginxDirective server, Settings settings)
    {
        var listens = server.Children("listen").Select(l => string.Join(' ', l.Args)).ToList();
        var tls = server.Children("listen").Any(l => l.Args.Skip(1).Contains("ssl", StringComparer.Ordinal))
            || server.Children("ssl").Any(s => s.Args is ["on"]);
        var routes = new List<IngressRoute>();
        var redirects = IsHttpsRedirect(server);
        CollectLocations(server, settings, routes, ref redirects);

        var effective = routes.Count > 0
            ? routes.Select(r => (r.ReadTimeout, r.ReadTimeoutSource, r.SendTimeout, r.SendTimeoutSource, r.BodySize, r.BodySizeSource)).ToList()
            : [(settings.ReadTimeout, settings.ReadTimeoutSource, settings.SendTimeout, settings.SendTimeoutSource, settings.BodySize, settings.BodySizeSource)];
        var read = effective.MinBy(s => s.ReadTimeout);
        var send = effective.MinBy(s => s.SendTimeout);
        // The most permissive limit is what a client can actually send (0 = unlimited).
        var body = effective.MaxBy(s => s.BodySize == 0 ? long.MaxValue : s.BodySize);
        return new IngressServer
        {
            Location = server.Location,
            ServerName = server.Child("server_name") is { } name ? string.Join(' ', name.Args) : "_",
            Listens = listens.Count > 0 ? listens : ["80 (nginx default)"],
            Tls = tls,
            Certificate = settings.Certificate,
            CertificateKey = settings.CertificateKey,
            Proxies = routes.Count > 0,
            RedirectsToHttps = redirects && routes.Count == 0,
            ProxyReadTimeout = read.ReadTimeout,
            ProxyReadTimeoutSource = read.ReadTimeoutSource,
            ProxySendTimeout = send.SendTimeout,
            ProxySendTimeoutSource = send.SendTimeoutSource,
            ClientMaxBodySize = body.BodySize,
            ClientMaxBodySizeSource = body.BodySizeSource,
            Routes = routes,
        };
    }

    private static void CollectLocations(NginxDirective block, Settings inherited, List<IngressRoute> routes, ref bool redirects)
    {
        foreach (var location in block.Children("location").Where(l => l.Block is not null))
        {
            var s = inherited.Apply(location);
            if (location.Child("proxy_pass") is { Args.Count: 1 } pass)
            {
                var target = pass.Args[0];
                var host = target.Contains("://", StringComparison.Ordinal) ? target[(target.IndexOf("://", StringComparison.Ordinal) + 3)..] : target;
                host = host.Split('/')[0];
                routes.Add(new IngressRoute
                {
                    Path = string.Join(' ', location.Args),
                    Location = location.Location,
                    ProxyPass = target,
                    Upstream = host.Contains(':', StringComparison.Ordinal) || host.Contains('$', StringComparison.Ordinal) ? null : host,
                    HttpVersion = s.HttpVersion,
                    HttpVersionSource = s.HttpVersionSource,
                    ClearsConnectionHeader = s.Headers.TryGetValue("connection", out var connection) && connection.Length == 0,
                    Buffering = s.Buffering,
                    BufferingSource = s.BufferingSource,
                    ReadTimeout = s.ReadTimeout,
                    ReadTimeoutSource = s.ReadTimeoutSource,
                    SendTimeout = s.SendTimeout,
                    SendTimeoutSource = s.SendTimeoutSource,
                    BodySize = s.BodySize,
                    BodySizeSource = s.BodySizeSource,
                });
            }

            redirects |= IsHttpsRedirect(location);
            CollectLocations(location, s, routes, ref redirects);
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
            $"proxy_send_timeout {s.ProxySendTimeout.TotalSeconds:0.###}s ({s.ProxySendTimeoutSource}); " +
            $"client_max_body_size {(s.ClientMaxBodySize == 0 ? "0 (unlimited)" : s.ClientMaxBodySize + " bytes")} ({s.ClientMaxBodySizeSource})";
    }

    /// <summary>The inheritable directives the rules need; inner blocks override outer ones, as in nginx.</summary>
    private sealed record Settings(
        string? Certificate, string? CertificateKey,
        TimeSpan ReadTimeout, string ReadTimeoutSource, TimeSpan SendTimeout, string SendTimeoutSource,
        long BodySize, string BodySizeSource,
        string HttpVersion, string HttpVersionSource, bool Buffering, string BufferingSource,
        IReadOnlyDictionary<string, string> Headers)
    {
        public static Settings Empty { get; } = new(null, null,
            TimeSpan.FromSeconds(60), "nginx default 60s", TimeSpan.FromSeconds(60), "nginx default 60s",
            1024 * 1024, "nginx default 1m", "1.0", "nginx default 1.0", true, "nginx default on",
            new Dictionary<string, string>());

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
                result = result with { ReadTimeout = Time(read), ReadTimeoutSource = $"proxy_read_timeout {read.Args[0]} at {read.Location}" };
            }

            if (block.Child("proxy_send_timeout") is { Args.Count: 1 } send)
            {
                result = result with { SendTimeout = Time(send), SendTimeoutSource = $"proxy_send_timeout {send.Args[0]} at {send.Location}" };
            }

            if (block.Child("client_max_body_size") is { Args.Count: 1 } size)
            {
                if (!NginxValues.TryParseSize(size.Args[0], out var bytes))
                {
                    throw new NginxSyntaxException(size.File, size.Line, size.Column, $"client_max_body_size \"{size.Args[0]}\" is not an nginx size");
                }

                result = result with { BodySize = bytes, BodySizeSource = $"client_max_body_size {size.Args[0]} at {size.Location}" };
            }

            if (block.Child("proxy_http_version") is { Args.Count: 1 } version)
            {
                result = result with { HttpVersion = version.Args[0], HttpVersionSource = $"proxy_http_version {version.Args[0]} at {version.Location}" };
            }

            if (block.Child("proxy_buffering") is { Args.Count: 1 } buffering)
            {
                result = result with { Buffering = buffering.Args[0] != "off", BufferingSource = $"proxy_buffering {buffering.Args[0]} at {buffering.Location}" };
            }

            // nginx inherits proxy_set_header only into a level that sets none of its own.
            var headers = block.Children("proxy_set_header").Where(h => h.Args.Count == 2).ToList();
            if (headers.Count > 0)
            {
                result = result with { Headers = headers.GroupBy(h => h.Args[0].ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Last().Args[1], StringComparer.Ordinal) };
            }

            return result;
        }

        private static TimeSpan Time(NginxDirective d)
            => NginxValues.TryParseTime(d.Args[0], out var t) ? t : throw new NginxSyntaxException(d.File, d.Line, d.Column, $"{d.Name} \"{d.Args[0]}\" is not an nginx time");
    }
}
