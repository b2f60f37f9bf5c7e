using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Harness.Bench;
using Harness.Testing;

namespace Harness.Tests.Bench;

public sealed class BenchNamespaceTests
{
    [Fact]
    public async Task A_server_started_inside_answers_there_only_and_nothing_is_left_after_dispose()
    {
        using var scratch = new TempDirectory();
        var upstream = BenchUpstream.Nginx(scratch.Path) ?? throw new InvalidOperationException("nginx is installed by ./build.sh setup");
        var netns = await BenchNamespace.CreateAsync(CancellationToken.None);
        Process? nginx = null;
        try
        {
            Assert.True(File.Exists($"/run/netns/{netns.Name}"));
            var start = new ProcessStartInfo("/usr/sbin/nginx") { UseShellExecute = false, WorkingDirectory = upstream.WorkingDirectory };
            foreach (var a in upstream.WatchdogEnvironment["fprocess"].Split(' ').Skip(1))
            {
                start.ArgumentList.Add(a);
            }

            nginx = ChildProcess.Start(netns.Wrap(start))!;
            Assert.True(await netns.WaitOkAsync(upstream.DirectUrl, TimeSpan.FromSeconds(20), CancellationToken.None));
            // The PID is nginx's own (ip execs it), so its tree can be measured and killed.
            Assert.Equal("nginx", (await File.ReadAllTextAsync($"/proc/{nginx.Id}/comm")).Trim());

            // The host's loopback has nobody on that port: the server lives in the namespace alone.
            using (var host = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                var refused = await Assert.ThrowsAsync<SocketException>(() => host.ConnectAsync(IPAddress.Loopback, upstream.DirectUrl.Port));
                Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            }

            // wrk runs inside it too and reaches the server over the namespace's loopback.
            var wrk = WrkRunner.Find() ?? throw new InvalidOperationException("wrk is installed by ./build.sh setup");
            var result = (await WrkRunner.RunAsync(wrk, upstream.DirectUrl, 1, 2, TimeSpan.FromSeconds(1), CancellationToken.None, netns: netns)).WithoutErrors(upstream.DirectUrl);
            Assert.True(result.Requests > 0);
        }
        finally
        {
            if (nginx is { HasExited: false })
            {
                nginx.Kill(entireProcessTree: true);
                await nginx.WaitForExitAsync();
            }

            await netns.DisposeAsync();
        }

        Assert.False(File.Exists($"/run/netns/{netns.Name}"));
    }
}
