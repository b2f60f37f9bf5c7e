namespace Harness.Load;

/// <summary>Maps the k6 spellings (<c>constant-arrival-rate</c>…) to <see cref="LoadModel"/> and back.</summary>
public static class LoadModelNames
{
    private static readonly Dictionary<string, LoadModel> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["constant-arrival-rate"] = LoadModel.ConstantArrivalRate,
        ["ramping-arrival-rate"] = LoadModel.RampingArrivalRate,
        ["constant-vus"] = LoadModel.ConstantVus,
        ["ramping-vus"] = LoadModel.RampingVus,
    };

    /// <summary>Every k6 spelling accepted.</summary>
    public static IReadOnlyCollection<string> All => ByName.Keys;

    /// <summary>Reads a k6 executor name (case-insensitive).</summary>
    public static bool TryParse(string name, out LoadModel model) => ByName.TryGetValue(name, out model);

    /// <summary>The k6 spelling of a model.</summary>
    public static string ToName(this LoadModel model) => model switch
    {
        LoadModel.ConstantArrivalRate => "constant-arrival-rate",
        LoadModel.RampingArrivalRate => "ramping-arrival-rate",
        LoadModel.ConstantVus => "constant-vus",
        LoadModel.RampingVus => "ramping-vus",
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };

    /// <summary>Open models start iterations on a schedule, whatever the system under test does.</summary>
    public static bool IsOpen(this LoadModel model) => model is LoadModel.ConstantArrivalRate or LoadModel.RampingArrivalRate;
}
