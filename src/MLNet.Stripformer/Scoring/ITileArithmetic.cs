namespace MLNet.Stripformer.Scoring;

/// <summary>
/// Non-negative integer arithmetic on values of type <typeparamref name="T"/>: plain numbers (<see cref="Int64TileArithmetic"/>,
/// for the TorchSharp path) or the names of ONNX int64 tensors (<see cref="OnnxTileArithmetic"/>, for the graph), so
/// that <see cref="TilePlan"/> writes each tiling formula once for both. Operations are elementwise; division floors.
/// </summary>
/// <typeparam name="T">A number, or an ONNX value name.</typeparam>
internal interface ITileArithmetic<T>
{
    /// <summary>A constant.</summary>
    T Constant(long value);

    /// <summary><c>a + b</c>.</summary>
    T Add(T a, T b);

    /// <summary><c>a - b</c>.</summary>
    T Subtract(T a, T b);

    /// <summary><c>a * b</c>.</summary>
    T Multiply(T a, T b);

    /// <summary><c>floor(a / b)</c> for <c>a &gt;= 0</c>, <c>b &gt; 0</c>.</summary>
    T Divide(T a, T b);

    /// <summary><c>a mod b</c> for <c>a &gt;= 0</c>, <c>b &gt; 0</c>.</summary>
    T Modulo(T a, T b);

    /// <summary>The smaller of <paramref name="a"/> and <paramref name="b"/>.</summary>
    T Min(T a, T b);

    /// <summary>The larger of <paramref name="a"/> and <paramref name="b"/>.</summary>
    T Max(T a, T b);

    /// <summary><paramref name="then"/> where <c>a == b</c>, else <paramref name="otherwise"/>.</summary>
    T IfEqual(T a, T b, T then, T otherwise);
}
