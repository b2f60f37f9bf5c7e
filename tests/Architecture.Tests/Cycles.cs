namespace Harness.Architecture.Tests;

/// <summary>The namespace cycles of one graph, each printed as a path with the type that makes each step.</summary>
internal static class Cycles
{
    /// <summary>One line per strongly connected component of more than one namespace: its members, then one cycle through them.</summary>
    public static IReadOnlyList<string> Find(NamespaceGraph graph, Func<string, bool> inScope)
    {
        var nodes = graph.Defined.Where(inScope).ToList();
        var successors = nodes.ToDictionary(
            n => n,
            n => graph.Edges.TryGetValue(n, out var to) ? to.Keys.Where(t => t != n && graph.Defined.Contains(t) && inScope(t)).ToList() : [],
            StringComparer.Ordinal);
        var reports = new List<string>();
        foreach (var component in StronglyConnected(nodes, successors).Where(c => c.Count > 1))
        {
            var members = component.ToHashSet(StringComparer.Ordinal);
            var start = component.Min(StringComparer.Ordinal)!;
            var path = ShortestCycle(start, members, successors);
            var steps = new List<string>();
            for (var i = 0; i + 1 < path.Count; i++)
            {
                var uses = graph.Edges[path[i]][path[i + 1]];
                steps.Add($"  {path[i]} -> {path[i + 1]}   ({uses.Min}{(uses.Count > 1 ? $", and {uses.Count - 1} more" : "")})");
            }
            reports.Add($"{graph.Assembly}: cycle among {component.Count} namespaces [{string.Join(", ", component.Order(StringComparer.Ordinal))}]; one of its cycles:\n{string.Join('\n', steps)}");
        }
        return reports;
    }

    private static List<string> ShortestCycle(string start, HashSet<string> members, Dictionary<string, List<string>> successors)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in successors[node].Where(members.Contains))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = previous[at])
                    {
                        path.Add(at);
                    }
                    path.Add(start);
                    path.Reverse();
                    return path;
                }
                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }
        throw new InvalidOperationException($"{start} is in a component but on no cycle");
    }

    /// <summary>Tarjan's algorithm, iterative so a deep graph cannot overflow the stack.</summary>
    private static List<List<string>> StronglyConnected(List<string> nodes, Dictionary<string, List<string>> successors)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var components = new List<List<string>>();
        var counter = 0;
        foreach (var root in nodes.Where(n => !index.ContainsKey(n)))
        {
            var work = new Stack<(string Node, int Next)>();
            work.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var children = successors[node];
                if (next < children.Count)
                {
                    work.Push((node, next + 1));
                    var child = children[next];
                    if (!index.ContainsKey(child))
                    {
                        index[child] = low[child] = counter++;
                        stack.Push(child);
                        onStack.Add(child);
                        work.Push((child, 0));
                    }
                    else if (onStack.Contains(child))
                    {
                        low[node] = Math.Min(low[node], index[child]);
                    }
                    continue;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
                if (low[node] == index[node])
                {
                    var component = new List<string>();
                    string member;
                    do
                    {
                        member = stack.Pop();
                        onStack.Remove(member);
                        component.Add(member);
                    }
                    while (member != node);
                    components.Add(component);
                }
            }
        }
        return components;
    }
}
