namespace Harness.Platform.Gateway;

/// <summary>Scale down only to the highest recommendation seen within the window (Kubernetes HPA stabilisation), so load dips do not flap replicas.</summary>
internal sealed class ScaleDownWindow
{
    private readonly Queue<(DateTimeOffset At, int Replicas)> _history = new();

    /// <summary>Records <paramref name="recommendation"/> and returns the replicas to use now.</summary>
    public int Stabilise(DateTimeOffset now, int recommendation, TimeSpan window)
    {
        while (_history.Count > 0 && now - _history.Peek().At > window)
        {
            _history.Dequeue();
        }

        _history.Enqueue((now, recommendation));
        var highest = 0;
        foreach (var (_, replicas) in _history)
        {
            highest = Math.Max(highest, replicas);
        }

        return highest;
    }

    public void Clear() => _history.Clear();
}
