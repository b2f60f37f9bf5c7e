using Harness.Scenarios;

namespace Harness.Core.Tests.Scenarios;

/// <summary>Loads beyond what one harness process can run are refused before anything runs, with file:line:col and field.</summary>
public sealed class LoadBoundsTests
{
    [Theory]
    [InlineData("{model: constant-vus, vus: 100000000, duration: 10s}", "vus", "over the limit of 10000 VUs")]
    [InlineData("{model: constant-arrival-rate, rate: 1000000000, duration: 10s}", "rate", "over the limit of 100000 iterations per second")]
    [InlineData("{model: constant-arrival-rate, rate: 10, duration: 1000h}", "duration", "over the limit of")]
    [InlineData("{model: constant-vus, vus: 1, iterations: 100000000000}", "iterations", "over the limit")]
    public void Loads_beyond_reason_are_refused_with_a_position(string load, string field, string message)
    {
        var parsed = ScenarioFileParser.Parse($"name: big\ntarget: {{url: \"http://127.0.0.1:9/\"}}\nload: {load}\n", "/tmp/big.yml");

        Assert.Null(parsed.Scenario);
        var d = Assert.Single(parsed.Diagnostics);
        Assert.Equal(3, d.Line);
        Assert.True(d.Column > 1);
        Assert.EndsWith(field, d.Field, StringComparison.Ordinal);
        Assert.Contains(message, d.Message, StringComparison.Ordinal);
    }
}
