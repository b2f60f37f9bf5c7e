using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>One open watch stream: the events of one resource (namespace, label selector) as the API writes them, a JSON line each.</summary>
internal sealed class FakeWatch(string resource, string? @namespace, string? selector, Func<JsonObject, string?, bool> matches)
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    public ChannelReader<string> Lines => _lines.Reader;

    public void Offer(long version, string eventResource, string ns, string type, JsonObject obj)
    {
        _ = version;
        if (eventResource != resource || (@namespace is not null && ns != @namespace) || !matches(obj, selector))
        {
            return;
        }

        _lines.Writer.TryWrite(new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }.ToJsonString());
    }

    /// <summary>The resourceVersion asked for is older than the event history: 410 Gone, as the API says it.</summary>
    public void Gone(long version)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["status"] = "Failure",
            ["message"] = $"too old resource version: {version}",
            ["reason"] = "Expired",
            ["code"] = 410,
        };
        _lines.Writer.TryWrite(new JsonObject { ["type"] = "ERROR", ["object"] = status }.ToJsonString());
        _lines.Writer.TryComplete();
    }

    public void Close() => _lines.Writer.TryComplete();
}
