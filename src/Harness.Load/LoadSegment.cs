namespace Harness.Load;

/// <summary>A linear piece of a load shape: arrivals per second (open) or VUs (closed) from <see cref="Start"/> to <see cref="End"/>.</summary>
/// <remarks><see cref="Seconds"/> is infinite for iteration-bounded phases.</remarks>
internal readonly record struct LoadSegment(double Start, double End, double Seconds);
