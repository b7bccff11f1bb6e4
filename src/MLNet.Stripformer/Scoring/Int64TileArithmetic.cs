namespace MLNet.Stripformer.Scoring;

/// <summary><see cref="ITileArithmetic{T}"/> on plain numbers.</summary>
internal sealed class Int64TileArithmetic : ITileArithmetic<long>
{
    /// <summary>The one instance (it has no state).</summary>
    public static Int64TileArithmetic Instance { get; } = new();

    /// <inheritdoc/>
    public long Constant(long value) => value;

    /// <inheritdoc/>
    public long Add(long a, long b) => a + b;

    /// <inheritdoc/>
    public long Subtract(long a, long b) => a - b;

    /// <inheritdoc/>
    public long Multiply(long a, long b) => a * b;

    /// <inheritdoc/>
    public long Divide(long a, long b) => a / b;

    /// <inheritdoc/>
    public long Modulo(long a, long b) => a % b;

    /// <inheritdoc/>
    public long Min(long a, long b) => Math.Min(a, b);

    /// <inheritdoc/>
    public long Max(long a, long b) => Math.Max(a, b);

    /// <inheritdoc/>
    public long IfEqual(long a, long b, long then, long otherwise) => a == b ? then : otherwise;
}
