
namespace Harness.Core.Tests.Node;

/// <summary>Node tests that write and fsync (probe, fio, etcd) run one after another, so one does not slow the other's disk.</summary>
[CollectionDefinition(Name)]
public sealed class NodeDiskCollection
{
    public const string Name = "node-disk";
}
