using System.Diagnostics;

namespace Harness.Core.Tests.Compliance;

/// <summary>The configs we ship and test against must be ones nginx itself accepts (<c>nginx -t</c>), where nginx is installed.</summary>
public sealed class NginxValidationTests : IDisposable
{
    private readonly string _prefix = Directory.CreateTempSubdirectory("harness-nginx-t-").FullName;

    public void Dispose() => Directory.Delete(_prefix, recursive: true);

    [Fact]
    public void The_shipped_tls_ingress_config_passes_nginx_t()
        => AssertNginxAccepts(ComplianceFixtures.RepoFile("scenarios/ingress/nginx-gateway-tls.conf"), ("tls/fullchain.pem", "tls/privkey.pem"));

    [Fact]
    public void The_articles_style_config_fixture_passes_nginx_t()
        => AssertNginxAccepts(ComplianceFixtures.Fixture("nginx", "article", "nginx.conf"), null);

    [Fact]
    public void The_tls_fixture_with_includes_passes_nginx_t()
        => AssertNginxAccepts(ComplianceFixtures.Fixture("nginx", "tls", "nginx.conf"), ("tls/cert.pem", "tls/key.pem"), "conf.d");

    [Fact]
    public void Nginx_t_rejects_a_broken_config_so_the_check_can_fail()
    {
        var nginx = FindNginx();
        if (nginx is null)
        {
            Console.WriteLine("skipped: nginx is not installed");
            return;
        }

        var conf = Path.Combine(_prefix, "conf", "broken.conf");
        Directory.CreateDirectory(Path.GetDirectoryName(conf)!);
        File.WriteAllText(conf, "events {}\nhttp { server { listen 80 } }\n");

        var (code, output) = RunNginxT(nginx, conf);

        Assert.NotEqual(0, code);
        Assert.Contains("broken.conf:2", output, StringComparison.Ordinal);
    }

    private void AssertNginxAccepts(string source, (string Cert, string Key)? tls, string? includeDir = null)
    {
        var nginx = FindNginx();
        if (nginx is null)
        {
            Console.WriteLine("skipped: nginx is not installed");
            return;
        }

        // Copy into a private prefix so nginx -t resolves relative paths (certs, includes) there and writes nothing elsewhere.
        var confDir = Path.Combine(_prefix, "conf");
        Directory.CreateDirectory(confDir);
        var conf = Path.Combine(confDir, Path.GetFileName(source));
        File.Copy(source, conf);
        if (includeDir is not null)
        {
            var target = Path.Combine(confDir, includeDir);
            Directory.CreateDirectory(target);
            foreach (var file in Directory.GetFiles(Path.Combine(Path.GetDirectoryName(source)!, includeDir)))
            {
                File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
            }
        }

        if (tls is { } pair)
        {
            SelfSignedCertificate.Write(Path.Combine(confDir, pair.Cert), Path.Combine(confDir, pair.Key));
        }

        var (code, output) = RunNginxT(nginx, conf);

        Assert.True(code == 0, $"nginx -t failed ({code}):\n{output}");
        Assert.Contains("test is successful", output, StringComparison.Ordinal);
    }

    private (int Code, string Output) RunNginxT(string nginx, string conf)
    {
        Directory.CreateDirectory(Path.Combine(_prefix, "logs"));
        var psi = new ProcessStartInfo(nginx)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-t", "-q", "-p", _prefix + "/", "-c", conf, "-g", $"daemon off; pid {_prefix}/nginx.pid; error_log {_prefix}/logs/error.log;" })
        {
            psi.ArgumentList.Add(arg);
        }

        psi.ArgumentList.Remove("-q"); // keep nginx's "test is successful" line
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("nginx -t did not finish in 30s");
        }

        return (process.ExitCode, stdout + stderr.Result);
    }

    private static string? FindNginx()
        => new[] { "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx" }.FirstOrDefault(File.Exists);
}
