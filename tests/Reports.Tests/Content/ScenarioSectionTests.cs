using Harness.Reports.Content;

namespace Harness.Reports.Tests.Content;

public sealed class ScenarioSectionTests
{
    [Theory]
    [InlineData("fdatasync latency where the datastore lives, and a real etcd's disk histograms", "fdatasync latency where the datastore lives, and a real etcd's disk histograms.")]
    [InlineData("Cold versus warm calls.", "Cold versus warm calls.")]
    [InlineData("  Load model: 3 cold + 5 warm calls  ", "Load model: 3 cold + 5 warm calls.")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void A_description_ends_as_a_sentence_before_the_next_one(string? text, string? expected)
        => Assert.Equal(expected, ScenarioSection.Sentence(text));
}
