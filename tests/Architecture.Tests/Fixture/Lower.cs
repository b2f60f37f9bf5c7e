namespace Harness.Architecture.Tests.Fixture.Cycle.B;

/// <summary>The other half: reaches back into A through a field type.</summary>
internal static class Lower
{
    public static int Value { get; } = 1;

    public static Func<int>? Back { get; set; } = A.Upper.Call;
}
