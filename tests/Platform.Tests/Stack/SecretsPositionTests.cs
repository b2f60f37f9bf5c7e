namespace Harness.Platform.Tests.Stack;

/// <summary>Each bad secrets item is reported with its own index and line, all at once.</summary>
public sealed class SecretsPositionTests
{
    [Theory]
    [InlineData("      - a\n      - b\n      - c\n      - d\n      - Bad_Five\n")]
    [InlineData("      - a\n      - {not: a string}\n      - c\n      - d\n      - Bad_Five\n")]
    [InlineData("      - a\n      -\n      - c\n      - d\n      - Bad_Five\n")]
    public void The_fifth_item_is_reported_as_index_4_on_its_own_line(string items)
    {
        var result = StackFixture.Parse($"provider: {{name: openfaas}}\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n    secrets:\n{items}");

        var bad = Assert.Single(result.Errors, e => e.Message.Contains("Bad_Five", StringComparison.Ordinal));
        Assert.Equal("functions.pay.secrets[4]", bad.Field);
        Assert.Equal(11, bad.Line);
    }

    [Fact]
    public void Every_bad_secret_is_reported_at_once()
    {
        var result = StackFixture.Parse("provider: {name: openfaas}\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n    secrets: [Bad_One, ok, Bad_Two, \"\", Bad_Three]\n");

        Assert.Equal(["functions.pay.secrets[0]", "functions.pay.secrets[2]", "functions.pay.secrets[3]", "functions.pay.secrets[4]"],
            result.Errors.Where(e => e.Field.StartsWith("functions.pay.secrets", StringComparison.Ordinal)).Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}

/// <summary>A bad value reached through an alias (or a merge key) is reported where it is written: at the anchor.</summary>
public sealed class StackAliasPositionTests
{
    [Theory]
    [InlineData("    limits: *lim\n")]
    [InlineData("    limits:\n      <<: *lim\n")]
    public void Errors_in_aliased_values_point_at_the_anchor(string use)
    {
        var result = StackFixture.Parse($"provider: {{name: openfaas}}\nfunctions:\n  base:\n    image: base\n    skip_build: true\n    limits: &lim {{memory: lots}}\n  pay:\n    image: pay\n    skip_build: true\n{use}");

        Assert.All(result.Errors.Where(e => e.Field.EndsWith("limits.memory", StringComparison.Ordinal)), e => Assert.Equal(6, e.Line));
        Assert.Contains(result.Errors, e => e.Field == "functions.pay.limits.memory");
    }
}
