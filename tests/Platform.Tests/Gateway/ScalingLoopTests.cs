using Harness.Platform.Gateway;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Harness.Platform.Tests.Gateway;

/// <summary>The scaling loop against a test provider, with measured traffic fed in and time moved by a <see cref="FakeTimeProvider"/>.</summary>
public sealed class ScalingLoopTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly TestProvider _provider = new();
    private readonly TrafficRegistry _traffic;
    private readonly ScalingLoop _loop;

    public ScalingLoopTests()
    {
        _traffic = new TrafficRegistry(_time);
        var options = new GatewayOptions { DefaultScaleDownWindow = TimeSpan.FromSeconds(30) };
        _loop = new ScalingLoop(_provider, _traffic, new ReplicaSelector(_provider, options, _time), options, _time, NullLogger<ScalingLoop>.Instance);
    }

    private void Calls(string name, int count)
    {
        var fn = _traffic.Get(new FunctionKey(name, "openfaas-fn"));
        for (var i = 0; i < count; i++)
        {
            fn.Begin(_time.GetUtcNow());
            fn.End(_time.GetUtcNow());
        }
    }

    [Fact]
    public async Task Idler_scales_a_function_to_zero_after_its_zero_duration_without_calls()
    {
        _provider.Add("idle", [new Uri("http://127.0.0.1:1/")], labels: new Dictionary<string, string>
        {
            ["com.openfaas.scale.zero"] = "true",
            ["com.openfaas.scale.zero-duration"] = "1m",
        });
        _provider.Add("busy", [new Uri("http://127.0.0.1:2/")]);

        await _loop.TickAsync(default);
        _time.Advance(TimeSpan.FromSeconds(50));
        Calls("idle", 1);
        await _loop.TickAsync(default);
        _time.Advance(TimeSpan.FromSeconds(59));
        await _loop.TickAsync(default);
        Assert.Empty(_provider.ScaleCalls);

        _time.Advance(TimeSpan.FromSeconds(2));
        await _loop.TickAsync(default);
        Assert.Equal([("idle", "openfaas-fn", 0)], _provider.ScaleCalls);

        _time.Advance(TimeSpan.FromHours(1));
        await _loop.TickAsync(default);
        Assert.Single(_provider.ScaleCalls); // at zero it stays, and the function without the label is never idled
    }

    [Fact]
    public async Task Autoscaler_scales_up_on_measured_rps_and_down_after_the_window()
    {
        _provider.Add("hot", [new Uri("http://127.0.0.1:1/"), new Uri("http://127.0.0.1:2/")], replicas: 2, labels: new Dictionary<string, string>
        {
            ["com.openfaas.scale.max"] = "10",
            ["com.openfaas.scale.target"] = "10",
            ["com.openfaas.scale.type"] = "rps",
        });

        await _loop.TickAsync(default);
        Calls("hot", 500);
        _time.Advance(TimeSpan.FromSeconds(10));
        await _loop.TickAsync(default); // 50 req/s / (10 × 0.9) → 6
        Assert.Equal([("hot", "openfaas-fn", 6)], _provider.ScaleCalls);

        _time.Advance(TimeSpan.FromSeconds(10));
        await _loop.TickAsync(default);
        _time.Advance(TimeSpan.FromSeconds(10));
        await _loop.TickAsync(default);
        Assert.Single(_provider.ScaleCalls); // idle, but the window still holds the 6

        _time.Advance(TimeSpan.FromSeconds(15));
        await _loop.TickAsync(default);
        Assert.Equal(("hot", "openfaas-fn", 1), _provider.ScaleCalls.Last());
    }

    [Fact]
    public async Task The_hosted_loop_ticks_on_the_injected_time_provider()
    {
        _provider.Add("idle", [new Uri("http://127.0.0.1:1/")], labels: new Dictionary<string, string>
        {
            ["com.openfaas.scale.zero"] = "true",
            ["com.openfaas.scale.zero-duration"] = "10s",
        });

        await _loop.StartAsync(default);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (_provider.ScaleCalls.Count == 0 && DateTime.UtcNow < deadline)
            {
                _time.Advance(TimeSpan.FromSeconds(2));
                await Task.Delay(5);
            }

            Assert.Equal([("idle", "openfaas-fn", 0)], _provider.ScaleCalls);
        }
        finally
        {
            await _loop.StopAsync(default);
        }
    }
}
