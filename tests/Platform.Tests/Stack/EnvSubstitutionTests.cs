using Harness.Platform.Stack;

namespace Harness.Platform.Tests.Stack;

public sealed class EnvSubstitutionTests
{
    private static readonly Dictionary<string, string> Env = new() { ["SET"] = "v", ["EMPTY"] = "" };

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("${SET}", "v")]
    [InlineData("a-${SET}-b", "a-v-b")]
    [InlineData("${UNSET}", "")]
    [InlineData("${UNSET:-d}", "d")]
    [InlineData("${EMPTY:-d}", "d")]
    [InlineData("${SET:-d}", "v")]
    [InlineData("${UNSET=d}", "d")]
    [InlineData("${EMPTY=d}", "")]
    [InlineData("${EMPTY:=d}", "d")]
    [InlineData("${UNSET:-${SET}}", "v")]
    [InlineData("${UNSET:-a:b/c}", "a:b/c")]
    [InlineData("$SET stays", "$SET stays")]
    [InlineData("cost $5", "cost $5")]
    public void Expands_supported_forms(string input, string expected)
    {
        Assert.Equal(expected, new EnvSubstitution(Env).Expand(input, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Assigning_forms_set_the_variable_for_later_values()
    {
        var substitution = new EnvSubstitution(Env);

        Assert.Equal("d", substitution.Expand("${NEW:=d}", out _));
        Assert.Equal("d", substitution.Expand("${NEW}", out _));
        Assert.False(Env.ContainsKey("NEW"));
    }

    [Theory]
    [InlineData("${SET:?msg}", "unsupported substitution '${SET:?msg}'")]
    [InlineData("${#SET}", "unsupported substitution '${#SET}'")]
    [InlineData("${SET-d}", "unsupported substitution '${SET-d}'")]
    [InlineData("${SET", "unterminated '${'")]
    public void Reports_unsupported_forms(string input, string message)
    {
        new EnvSubstitution(Env).Expand(input, out var error);

        Assert.NotNull(error);
        Assert.StartsWith(message, error, StringComparison.Ordinal);
    }
}
