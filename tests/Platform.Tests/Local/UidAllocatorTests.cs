using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

public sealed class UidAllocatorTests
{
    [Fact]
    public void A_function_keeps_its_uid_a_stored_one_is_honoured_when_free_and_none_is_held_twice()
    {
        var uids = new UidAllocator(12000, 3);

        Assert.Equal("12000-12002", uids.Range);
        Assert.Equal(12002, uids.Assign("ns", "stored", 12002));
        Assert.Equal(12000, uids.Assign("ns", "a", null));
        Assert.Equal(12000, uids.Assign("ns", "a", 12001));
        // Taken (or out of range): the lowest free one instead.
        Assert.Equal(12001, uids.Assign("ns", "b", 12000));
        Assert.Null(uids.Assign("other", "a", null));

        uids.Release("ns", "a");
        Assert.Equal(12000, uids.Assign("other", "a", 99));
    }
}
