using System.Text.Json.Nodes;

namespace Harness.Platform.Kubernetes.Tests.Fake;

/// <summary>
/// Server-side apply's field ownership, as the real API server keeps it in <c>metadata.managedFields</c>: every leaf
/// field of labels, annotations, spec, data and type belongs to the (manager, operation) pairs that set it, lists of
/// named things (containers, env, volumes, ports, ...) are keyed by their merge key, and an apply removes only the
/// fields that its manager owned alone and no longer sends. A POST or PUT is operation Update, a different owner even
/// under the same manager name: exactly what let a removed env var survive an update.
/// </summary>
internal sealed class FieldOwnership
{
    private const char Separator = '\u001f';
    private static readonly string[] Tracked = ["metadata", "spec", "data", "stringData", "type"];

    private readonly Dictionary<string, HashSet<string>> _owners = new(StringComparer.Ordinal);

    public FieldOwnership Clone()
    {
        var copy = new FieldOwnership();
        foreach (var (key, set) in _owners)
        {
            copy._owners[key] = new HashSet<string>(set, StringComparer.Ordinal);
        }

        return copy;
    }

    /// <summary>The (manager, operation) pairs that own fields, as <c>metadata.managedFields</c> lists them.</summary>
    public IEnumerable<(string Manager, string Operation)> Entries =>
        _owners.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key.Split('|')).Select(p => (p[0], p[1])).OrderBy(e => e.Item1, StringComparer.Ordinal);

    /// <summary>A create, replace, merge patch or scale by <paramref name="manager"/>: it owns what it changed.</summary>
    public void Update(string manager, JsonObject? before, JsonObject after)
    {
        var old = Flatten(before);
        var now = Flatten(after);
        var owner = Owner(manager, "Update");
        foreach (var (path, value) in now)
        {
            if (old.TryGetValue(path, out var previous) && JsonNode.DeepEquals(previous, value))
            {
                continue;
            }

            foreach (var set in _owners.Values)
            {
                set.Remove(path);
            }

            owner.Add(path);
        }

        foreach (var path in old.Keys.Where(p => !now.ContainsKey(p)))
        {
            foreach (var set in _owners.Values)
            {
                set.Remove(path);
            }
        }
    }

    /// <summary>Server-side apply with force: the result, built from <paramref name="current"/> and what was applied.</summary>
    public JsonObject Apply(string manager, JsonObject? current, JsonObject applied)
    {
        var fields = Flatten(current);
        var sent = Flatten(applied);
        var owner = Owner(manager, "Apply");
        foreach (var path in owner.Where(p => !sent.ContainsKey(p)).ToList())
        {
            owner.Remove(path);
            // Still owned by someone else (e.g. the same manager's earlier POST): it stays.
            if (!_owners.Values.Any(s => s.Contains(path)))
            {
                fields.Remove(path);
            }
        }

        foreach (var (path, value) in sent)
        {
            if (!(fields.TryGetValue(path, out var existing) && JsonNode.DeepEquals(existing, value)))
            {
                // force: conflicting owners lose the field.
                foreach (var set in _owners.Values)
                {
                    set.Remove(path);
                }
            }

            fields[path] = value;
            owner.Add(path);
        }

        var result = current is null ? new JsonObject() : (JsonObject)current.DeepClone();
        foreach (var key in Tracked.Where(k => k != "metadata"))
        {
            result.Remove(key);
        }

        if (result["metadata"] is JsonObject metadata)
        {
            metadata.Remove("labels");
            metadata.Remove("annotations");
        }

        Rebuild(result, fields);
        if (applied["metadata"]?["name"] is { } name)
        {
            (result["metadata"] ??= new JsonObject())["name"] = name.DeepClone();
        }

        return result;
    }

    private HashSet<string> Owner(string manager, string operation)
    {
        var key = $"{manager}|{operation}";
        if (!_owners.TryGetValue(key, out var set))
        {
            _owners[key] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        return set;
    }

    private static Dictionary<string, JsonNode?> Flatten(JsonObject? obj)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (obj is null)
        {
            return result;
        }

        foreach (var key in Tracked)
        {
            if (key == "metadata")
            {
                if (obj["metadata"]?["labels"] is { } labels)
                {
                    Flatten(labels, "k:metadata" + Separator + "k:labels", "labels", result);
                }

                if (obj["metadata"]?["annotations"] is { } annotations)
                {
                    Flatten(annotations, "k:metadata" + Separator + "k:annotations", "annotations", result);
                }
            }
            else if (obj[key] is { } node)
            {
                Flatten(node, "k:" + key, key, result);
            }
        }

        return result;
    }

    private static void Flatten(JsonNode? node, string path, string field, Dictionary<string, JsonNode?> into)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (key, child) in o)
                {
                    Flatten(child, path + Separator + "k:" + key, key, into);
                }

                break;
            case JsonArray a when a.Count > 0 && MergeKey(field, a) is { } mergeKey:
                foreach (var element in a)
                {
                    Flatten(element, path + Separator + "i:" + mergeKey + "=" + element![mergeKey]!.ToJsonString(), "", into);
                }

                break;
            default:
                into[path] = node?.DeepClone();
                break;
        }
    }

    /// <summary>The merge key of a list the API treats as a map (x-kubernetes-list-map-keys); null for an atomic list.</summary>
    private static string? MergeKey(string field, JsonArray list)
    {
        var key = field switch
        {
            "containers" or "initContainers" or "env" or "volumes" or "imagePullSecrets" => "name",
            "volumeMounts" => "mountPath",
            "ports" => list.FirstOrDefault() is JsonObject first && first.ContainsKey("containerPort") ? "containerPort" : "port",
            _ => null,
        };
        return key is not null && list.All(e => e is JsonObject o && o[key] is not null) ? key : null;
    }

    private static void Rebuild(JsonObject root, Dictionary<string, JsonNode?> fields)
    {
        foreach (var (path, value) in fields)
        {
            var segments = path.Split(Separator);
            JsonNode parent = root;
            for (var i = 0; i < segments.Length; i++)
            {
                var last = i == segments.Length - 1;
                var segment = segments[i];
                var nextIsItem = !last && segments[i + 1].StartsWith("i:", StringComparison.Ordinal);
                if (segment.StartsWith("k:", StringComparison.Ordinal))
                {
                    var key = segment[2..];
                    var o = (JsonObject)parent;
                    if (last)
                    {
                        o[key] = value?.DeepClone();
                        break;
                    }

                    if (o[key] is null)
                    {
                        o[key] = nextIsItem ? new JsonArray() : new JsonObject();
                    }

                    parent = o[key]!;
                }
                else
                {
                    var (key, raw) = (segment[2..segment.IndexOf('=', StringComparison.Ordinal)], segment[(segment.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                    var list = (JsonArray)parent;
                    var element = list.OfType<JsonObject>().FirstOrDefault(e => e[key]?.ToJsonString() == raw);
                    if (element is null)
                    {
                        element = new JsonObject { [key] = JsonNode.Parse(raw) };
                        list.Add(element);
                    }

                    parent = element;
                }
            }
        }
    }
}
