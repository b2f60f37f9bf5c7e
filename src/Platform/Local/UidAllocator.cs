namespace Harness.Platform.Local;

/// <summary>
/// One uid (and the gid of the same number) per function from a configured range: functions cannot signal, trace or
/// read one another's files. A function keeps its uid across restarts (it is stored with the function) and a uid is
/// never held by two functions at once; it is free again once its function is deleted.
/// </summary>
internal sealed class UidAllocator
{
    private readonly int _start;
    private readonly int _size;
    private readonly Dictionary<(string Namespace, string Name), int> _byFunction = [];
    private readonly HashSet<int> _taken = [];
    private readonly Lock _gate = new();

    public UidAllocator(int start, int size)
    {
        if (start < 1 || size < 1 || (long)start + size > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"uid range {start}+{size} must be above 0 and fit in 32 bits");
        }

        _start = start;
        _size = size;
    }

    /// <summary>The range as <c>first-last</c>.</summary>
    public string Range => $"{_start}-{_start + _size - 1}";

    /// <summary>
    /// The function's uid: the one it holds, else <paramref name="preferred"/> when in range and free, else the lowest
    /// free one; null when the range is exhausted.
    /// </summary>
    public int? Assign(string @namespace, string name, int? preferred)
    {
        lock (_gate)
        {
            if (_byFunction.TryGetValue((@namespace, name), out var held))
            {
                return held;
            }

            int? uid = preferred is { } p && p >= _start && p < _start + _size && !_taken.Contains(p) ? p : null;
            for (var candidate = _start; uid is null && candidate < _start + _size; candidate++)
            {
                if (!_taken.Contains(candidate))
                {
                    uid = candidate;
                }
            }

            if (uid is { } u)
            {
                _taken.Add(u);
                _byFunction[(@namespace, name)] = u;
            }

            return uid;
        }
    }

    public void Release(string @namespace, string name)
    {
        lock (_gate)
        {
            if (_byFunction.Remove((@namespace, name), out var uid))
            {
                _taken.Remove(uid);
            }
        }
    }
}
