using Harness.Platform.Contracts;
using Harness.Platform.Local;

namespace Harness.Platform.Tests.Local;

public sealed class LogRingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static LogEntry Line(int i, string instance = "a") =>
        new() { Name = "f", Namespace = "openfaas-fn", Instance = instance, Timestamp = T0.AddSeconds(i), Text = $"line {i}" };

    [Fact]
    public async Task Keeps_the_newest_lines_and_honours_tail_instance_and_since()
    {
        var ring = new LogRing(5);
        for (var i = 0; i < 8; i++)
        {
            ring.Add(Line(i, i % 2 == 0 ? "a" : "b"));
        }

        Assert.Equal(["line 3", "line 4", "line 5", "line 6", "line 7"], await TextsAsync(ring, new LogRequest("f", "openfaas-fn")));
        Assert.Equal(["line 6", "line 7"], await TextsAsync(ring, new LogRequest("f", "openfaas-fn", Tail: 2)));
        // faas-provider: "<=0 means unlimited".
        Assert.Equal(5, (await TextsAsync(ring, new LogRequest("f", "openfaas-fn", Tail: 0))).Count);
        Assert.Equal(5, (await TextsAsync(ring, new LogRequest("f", "openfaas-fn", Tail: -3))).Count);
        Assert.Equal(["line 4", "line 6"], await TextsAsync(ring, new LogRequest("f", "openfaas-fn", Instance: "a")));
        Assert.Equal(["line 6", "line 7"], await TextsAsync(ring, new LogRequest("f", "openfaas-fn", Since: T0.AddSeconds(6))));
    }

    [Fact]
    public async Task Followers_get_lines_added_later_and_end_when_the_ring_completes()
    {
        var ring = new LogRing(10);
        ring.Add(Line(0));
        var seen = new List<string>();
        var reader = Task.Run(async () =>
        {
            await foreach (var e in ring.ReadAsync(new LogRequest("f", "openfaas-fn", Follow: true), CancellationToken.None))
            {
                seen.Add(e.Text);
            }
        });

        // The follower has subscribed once it has replayed the backlog.
        await Poll.UntilAsync(() => seen.Count == 1, TimeSpan.FromSeconds(10), "the backlog");
        ring.Add(Line(1));
        ring.Add(Line(2));
        await Poll.UntilAsync(() => seen.Count == 3, TimeSpan.FromSeconds(10), "the new lines");
        ring.Complete();
        await reader.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["line 0", "line 1", "line 2"], seen);
    }

    private static async Task<List<string>> TextsAsync(LogRing ring, LogRequest request)
    {
        var list = new List<string>();
        await foreach (var e in ring.ReadAsync(request, CancellationToken.None))
        {
            list.Add(e.Text);
        }

        return list;
    }
}
