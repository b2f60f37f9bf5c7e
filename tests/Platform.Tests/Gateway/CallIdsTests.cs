using System.Text.RegularExpressions;
using Harness.Platform.Gateway;

namespace Harness.Platform.Tests.Gateway;

public sealed partial class CallIdsTests
{
    [Fact]
    public void Call_ids_are_distinct_version_4_uuids()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => CallIds.New()).ToList();

        Assert.All(ids, id => Assert.Matches(Uuid4(), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    // RFC 4122: version nibble 4, variant bits 10xx.
    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex Uuid4();
}
