using System.Diagnostics;

namespace Harness.Bench;

/// <summary>nginx on a free loopback port answering <c>200 ok</c> to everything: a target fast enough that the client is what gets measured.</summary>
internal sealed class NginxTarget : IAsyncDisposable
{
    private readonly Process process;
    private readonly string directory;

    private NginxTarget(Process process, string directory, Uri url)
    {
        this.process = process;
        this.directory = directory;
        Url = url;
    }

    public Uri Url { get; }

    public static string? Find()
        => new[] { "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    public static async Task<NginxTarget> StartAsync(string nginx, int workers, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateTempSubdirectory("harness-bench-nginx-").FullName;
        var port = FreePort.Pick();
        var conf = Path.Combine(dir, "nginx.conf");
        await File.WriteAllTextAsync(conf, $$"""
            worker_processes {{workers}};
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              keepalive_requests 1000000;
              client_body_temp_path {{dir}}/body;
              proxy_temp_path {{dir}}/proxy;
              fastcgi_temp_path {{dir}}/fastcgi;
              uwsgi_temp_path {{dir}}/uwsgi;
              scgi_temp_path {{dir}}/scgi;
              server {
                listen 127.0.0.1:{{port}};
                location / { return 200 "ok\n"; }
              }
            }
            """, cancellationToken).ConfigureAwait(false);
        var start = new ProcessStartInfo(nginx) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-p", dir, "-c", conf, "-g", "daemon off;" })
        {
            start.ArgumentList.Add(a);
        }

        var process = ChildProcess.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var target = new NginxTarget(process, dir, new Uri($"http://127.0.0.1:{port}/"));
        if (!await FreePort.WaitListeningAsync(port, TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false))
        {
            await target.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("nginx did not start listening within 10 s");
        }

        return target;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        process.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
