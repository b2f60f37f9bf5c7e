using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

public sealed class ExitReasonTests
{
    [Theory]
    [InlineData(1, 0, false, "Exited(1)")]
    [InlineData(0, 0, true, "Exited(0)")]
    [InlineData(137, 0, false, "Signaled(SIGKILL)")]
    [InlineData(143, 0, false, "Signaled(SIGTERM)")]
    [InlineData(137, 0, true, "Signaled(SIGKILL)")]
    [InlineData(137, -1, true, "OOMKilled")]
    [InlineData(137, -1, false, "Signaled(SIGKILL)")]
    [InlineData(1, 1, true, "OOMKilled")]
    [InlineData(139, 0, false, "Signaled(SIGSEGV)")]
    public void Names_the_reason_like_kubectl(int code, long oomKills, bool limited, string expected) =>
        Assert.Equal(expected, ExitReason.Describe(code, oomKills, limited));
}
