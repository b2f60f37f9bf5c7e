namespace Harness.Load;

/// <summary>Comparison of a threshold: the run passes when <c>actual OP value</c> holds.</summary>
public enum ThresholdOperator
{
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
    Equal,
    NotEqual,
}
