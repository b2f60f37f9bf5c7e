namespace Harness.Architecture.Tests.Fixture.Cycle.A;

/// <summary>Half of the cycle the architecture test must find: uses B's type in a body, not a signature.</summary>
internal static class Upper
{
    public static int Call() => Cycle.B.Lower.Value + 1;
}
