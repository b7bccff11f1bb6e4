using MLNet.Stripformer.Onnx;

namespace MLNet.Stripformer.Scoring;

/// <summary><see cref="ITileArithmetic{T}"/> that emits ONNX int64 nodes into one graph (ONNX <c>Div</c> truncates,
/// which is the floor for the non-negative values tiling uses).</summary>
/// <param name="graph">The graph (or loop body) the nodes go into.</param>
internal sealed class OnnxTileArithmetic(OnnxGraphBuilder graph) : ITileArithmetic<string>
{
    /// <inheritdoc/>
    public string Constant(long value) => graph.Int64s(value);

    /// <inheritdoc/>
    public string Add(string a, string b) => graph.Op("Add", [a, b]);

    /// <inheritdoc/>
    public string Subtract(string a, string b) => graph.Op("Sub", [a, b]);

    /// <inheritdoc/>
    public string Multiply(string a, string b) => graph.Op("Mul", [a, b]);

    /// <inheritdoc/>
    public string Divide(string a, string b) => graph.Op("Div", [a, b]);

    /// <inheritdoc/>
    public string Modulo(string a, string b) => graph.Op("Mod", [a, b]);

    /// <inheritdoc/>
    public string Min(string a, string b) => graph.Op("Min", [a, b]);

    /// <inheritdoc/>
    public string Max(string a, string b) => graph.Op("Max", [a, b]);

    /// <inheritdoc/>
    public string IfEqual(string a, string b, string then, string otherwise) => graph.Op("Where", [graph.Op("Equal", [a, b]), then, otherwise]);
}
