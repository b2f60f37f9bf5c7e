using System.Globalization;
using System.Text;

namespace Harness.Compliance.Nginx;

/// <summary>
/// The nginx configuration <c>harness ingress nginx</c> prints: one that passes every ingress rule of the compliance
/// check (nginx -t, TLS, keep-alive to the gateway, streamed logs, body size and timeouts aligned with the gateway).
/// </summary>
internal static class NginxIngressTemplate
{
    public static string Render(NginxIngressOptions o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var tls = o.TlsCertificate is not null && o.TlsKey is not null;
        var port = o.ListenPort ?? (tls ? 443 : 80);
        var read = (int)Math.Ceiling(o.UpstreamTimeout.TotalSeconds) + 5;
        var body = o.BodyLimit % (1 << 20) == 0 ? $"{o.BodyLimit >> 20}m" : o.BodyLimit.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $$"""
            # nginx in front of the OpenFaaS-compatible gateway at {{o.Gateway}}, printed by `harness ingress nginx`.
            # Check it with: nginx -t -c "$PWD/THIS_FILE"; judge it with: harness check residency --nginx-conf THIS_FILE ...
            worker_processes auto;

            events {
                worker_connections 1024;
            }

            http {
                # The gateway accepts bodies up to {{body}}; the ingress allows the same, so neither refuses what the other accepts.
                client_max_body_size {{body}};

                # Keep-alive to the gateway: without it every request is a new TCP connection (TIME_WAIT, conntrack churn).
                upstream gateway {
                    server {{o.Gateway}};
                    keepalive 64;
                }

            """);
        if (tls)
        {
            sb.Append(CultureInfo.InvariantCulture, $$"""
                    server {
                        listen 80;
                        server_name {{o.ServerName}};
                        return 301 https://$host$request_uri;
                    }

                """);
        }

        sb.Append(CultureInfo.InvariantCulture, $$"""
                server {
                    listen {{port}}{{(tls ? " ssl" : string.Empty)}};
                    server_name {{o.ServerName}};

            """);
        if (tls)
        {
            sb.Append(CultureInfo.InvariantCulture, $$"""
                        ssl_certificate {{o.TlsCertificate}};
                        ssl_certificate_key {{o.TlsKey}};
                        ssl_protocols TLSv1.2 TLSv1.3;

                """);
        }
        else
        {
            sb.Append("""
                        # No TLS: give --tls-cert and --tls-key for a listener the compliance check accepts (config.ingress-tls).

                """);
        }

        sb.Append(CultureInfo.InvariantCulture, $$"""
                    # The gateway's upstream timeout is {{o.UpstreamTimeout.TotalSeconds:0}}s; the ingress waits a little longer so the gateway answers first.
                    proxy_read_timeout {{read}}s;
                    proxy_send_timeout {{read}}s;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;

                    location /function/ {
                        proxy_pass http://gateway;
                    }

                    location /async-function/ {
                        proxy_pass http://gateway;
                    }

                    # Followed logs are a stream: unbuffered, and an idle follow stays open for an hour.
                    location = /system/logs {
                        proxy_pass http://gateway;
                        proxy_buffering off;
                        proxy_read_timeout 1h;
                    }

                    location /system/ {
                        proxy_pass http://gateway;
                    }

                    location = /healthz {
                        proxy_pass http://gateway;
                    }
                }
            }

            """);
        return sb.ToString();
    }
}
