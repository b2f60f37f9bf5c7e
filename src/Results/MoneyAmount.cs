namespace Harness.Results;

/// <summary>An amount of money in one currency (ISO 4217 code).</summary>
public sealed record MoneyAmount(double Amount, string Currency);
