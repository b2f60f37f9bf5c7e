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
        Assert.Equal(11, bad.Position.Line);
    }

    [Fact]
    public void Every_bad_secret_is_reported_at_once()
    {
        var result = StackFixture.Parse("provider: {name: openfaas}\nfunctions:\n  pay:\n    image: pay\n    skip_build: true\n    secrets: [Bad_One, ok, Bad_Two, \"\", Bad_Three]\n");

        Assert.Equal(["functions.pay.secrets[0]", "functions.pay.secrets[2]", "functions.pay.secrets[3]", "functions.pay.secrets[4]"],
            result.Errors.Where(e => e.Field.StartsWith("functions.pay.secrets", StringComparison.Ordinal)).Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
