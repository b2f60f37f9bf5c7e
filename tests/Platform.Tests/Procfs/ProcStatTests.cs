using System.Globalization;
using Harness.Platform.Procfs;

namespace Harness.Platform.Tests.Procfs;

/// <summary>The one parser of <c>/proc/PID/stat</c>: fields counted after the command, whatever the command holds.</summary>
public sealed class ProcStatTests
{
    // A real line (cat, kernel 6.x) with its command renamed to one that holds spaces and parentheses.
    private const string Line = "2697 (a) b (c)) R 2690 2690 1151 0 -1 4194304 99 0 0 0 7 3 5 2 20 0 1 0 27336 3133440 381 "
        + "18446744073709551615 93933405016064 93933405035945 140728752917968 0 0 0 0 0 0 0 0 0 17 1 0 3 0 0 0 "
        + "93933405051952 93933405053568 93933949018112 140728752925147 140728752925167 140728752925167 140728752926699 0";

    [Fact]
    public void A_command_with_spaces_and_parentheses_does_not_shift_the_fields()
    {
        var stat = ProcStat.Parse(Line);
        Assert.Equal(new ProcStat(2690, 7, 3, 5, 2, 27336, 3), stat);
        Assert.Equal(10, stat!.OwnTicks);
        Assert.Equal(7, stat.ReapedTicks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2697 (cat")]
    [InlineData("2697 (cat) R 2690 2690")]
    [InlineData("2697 (cat) R x 2690 1151 0 -1 4194304 99 0 0 0 7 3 5 2 20 0 1 0 27336 3133440 381 1 1 1 1 0 0 0 0 0 0 0 0 0 17 1 0 3 0 0 0")]
    public void A_line_that_is_not_a_stat_line_reads_as_null(string line) => Assert.Null(ProcStat.Parse(line));

    [Fact]
    public void This_process_reads_as_itself_and_a_gone_one_as_null()
    {
        var self = ProcStat.Read(Environment.ProcessId);
        Assert.NotNull(self);
        var ppid = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("PPid:", StringComparison.Ordinal))[5..].Trim();
        Assert.Equal(int.Parse(ppid, CultureInfo.InvariantCulture), self.Parent);
        Assert.True(self.OwnTicks >= 0 && self.StartTicks > 0);
        Assert.Null(ProcStat.Read("/proc/does-not-exist"));
    }
}
