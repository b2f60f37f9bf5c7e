namespace Harness.Benchmarks.Tests;

/// <summary>What the proxy benchmarks measure is the pooled path: sequential calls reuse one upstream connection.</summary>
public sealed class ProxyPathTests
{
    [Fact]
    public async Task The_gateway_forward_path_reuses_one_upstream_connection()
    {
        var bench = new GatewayBenchmarks();
        bench.Setup();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.Equal(2, await (i % 2 == 0 ? bench.ForwardGet() : bench.ForwardPost1KiB()));
            }

            Assert.Equal(1, bench.Upstream.Connections);
        }
        finally
        {
            bench.Cleanup();
        }
    }

    [Fact]
    public async Task The_watchdog_proxy_path_reuses_one_upstream_connection()
    {
        var bench = new WatchdogBenchmarks();
        bench.Setup();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                Assert.Equal(2, await (i % 2 == 0 ? bench.ProxyGet() : bench.ProxyPost1KiB()));
            }

            Assert.Equal(1, bench.Upstream.Connections);
        }
        finally
        {
            bench.Cleanup();
        }
    }
}
