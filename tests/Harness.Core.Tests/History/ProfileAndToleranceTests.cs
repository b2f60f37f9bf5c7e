
namespace Harness.Core.Tests.History;

/// <summary>What a profile does to a scenario, and a regression tolerance that does not parse (the recorded runs: Harness.Tests' RunHistoryTests).</summary>
public sealed class ProfileAndToleranceTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("harness-profile-").FullName;

    [Fact]
    public void A_bad_regression_tolerance_in_a_scenario_names_the_field()
    {
        var file = Path.Combine(dir, "bad.yml");
        File.WriteAllText(file, "name: bad\ntarget: {url: \"http://127.0.0.1:1/\"}\nload: {model: constant-vus, vus: 1, iterations: 1}\nregression: {tolerance: lots}\n");
        var parsed = Harness.Scenarios.ScenarioFileParser.ParseFile(file);
        Assert.Null(parsed.Scenario);
        Assert.Contains(parsed.Diagnostics, d => d.ToString().Contains("regression.tolerance", StringComparison.Ordinal));
    }

    [Fact]
    public void Profiles_scale_durations_iterations_and_repetitions()
    {
        var s = new Harness.Scenarios.ScenarioDefinition
        {
            File = "f", Name = "n", Kind = "http", Hash = "h",
            Load = new Harness.Load.LoadOptions { Model = Harness.Load.LoadModel.ConstantVus, Vus = 1, Duration = TimeSpan.FromSeconds(20), Iterations = 100 },
            ColdStart = new Harness.Scenarios.ColdStartOptions { Repetitions = 4 },
        };
        var smoke = Harness.Runs.RunProfile.Smoke.Apply(s);
        Assert.Equal(TimeSpan.FromSeconds(5), smoke.Load!.Duration);
        Assert.Equal(25, smoke.Load.Iterations);
        Assert.Equal(1, smoke.ColdStart!.Repetitions);
        Assert.Same(s, Harness.Runs.RunProfile.Default.Apply(s));
        Assert.Equal(TimeSpan.FromSeconds(60), Harness.Runs.RunProfile.PreRelease.Apply(s).Load!.Duration);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
