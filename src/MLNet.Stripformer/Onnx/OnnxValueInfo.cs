namespace MLNet.Stripformer.Onnx;

/// <summary>A graph input or output as declared in an ONNX file: name, element type, and dimensions (a number, or
/// null where the dimension is symbolic or missing), and the names of symbolic dimensions (null where a dimension is a
/// number or unnamed). <see cref="Dims"/> and <see cref="Symbols"/> are null when the rank is unknown.</summary>
internal sealed record OnnxValueInfo(string Name, int ElementType, IReadOnlyList<long?>? Dims, IReadOnlyList<string?>? Symbols = null)
{
    public override string ToString()
    {
        string type = ElementType == (int)OnnxElementType.Float ? "float" : $"type {ElementType}";
        string shape = Dims is null ? "?" : string.Join(", ", Dims.Select(d => d?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"));
        return $"'{Name}' {type} [{shape}]";
    }
}
