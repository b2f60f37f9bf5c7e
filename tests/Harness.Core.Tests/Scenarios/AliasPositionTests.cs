using Harness.Scenarios;

namespace Harness.Core.Tests.Scenarios;

/// <summary>A bad value reached through a YAML alias is reported where it is written (the anchor), not where it is used.</summary>
public sealed class AliasPositionTests
{
    [Fact]
    public void An_error_in_an_aliased_value_points_at_the_anchor()
    {
        var parsed = ScenarioFileParser.Parse(
            "name: a\ndescription: &d -5\ntarget: {url: \"http://127.0.0.1:9/\"}\nload: {model: constant-vus, vus: *d, duration: 1s}\n", "/tmp/alias.yml");

        var d = Assert.Single(parsed.Diagnostics);
        Assert.EndsWith("vus", d.Field, StringComparison.Ordinal);
        Assert.Equal(2, d.Line);
        Assert.Equal(14, d.Column);
    }
}
