using MLNet.Stripformer.Onnx;

namespace MLNet.Stripformer.Scoring;

/// <summary>An ONNX model checked to be an image-to-image network that <c>Deblur</c> can wrap: one float input
/// [N, 3, H, W] and one float output of rank 4.</summary>
internal sealed class DeblurModelCheck
{
    private DeblurModelCheck(OnnxModelReader model, string inputName, string outputName)
    {
        Model = model;
        InputName = inputName;
        OutputName = outputName;
    }

    public OnnxModelReader Model { get; }

    public string InputName { get; }

    public string OutputName { get; }

    /// <summary>The names of the input's batch, height and width dimensions when all three are distinct symbols (so
    /// that a session can fix them to one image size); null otherwise.</summary>
    public (string Batch, string Height, string Width)? InputSymbols =>
        Model.Inputs[0].Symbols is [{ } batch, _, { } height, { } width] && new[] { batch, height, width }.Distinct(StringComparer.Ordinal).Count() == 3
            ? (batch, height, width)
            : null;

    /// <summary>Reads and checks a model.</summary>
    /// <param name="bytes">The ONNX file's content.</param>
    /// <param name="source">The model's name in messages (its path).</param>
    /// <exception cref="InvalidDataException">Not an ONNX model, or not one with the expected input and output;
    /// the message names <paramref name="source"/> and what was found.</exception>
    public static DeblurModelCheck Read(ReadOnlyMemory<byte> bytes, string source)
    {
        if (bytes.Length == 0)
        {
            throw new InvalidDataException($"'{source}' is empty: not an ONNX model.");
        }

        var model = OnnxModelReader.Read(bytes, source);
        if (model.Inputs.Count != 1 || !IsImage(model.Inputs[0], requireThreeChannels: true))
        {
            throw new InvalidDataException(
                $"'{source}' has inputs {Describe(model.Inputs)}; Deblur needs an image-to-image model with one float input [N, 3, H, W] (RGB in [0, 1]).");
        }

        if (model.Outputs.Count != 1 || !IsImage(model.Outputs[0], requireThreeChannels: false))
        {
            throw new InvalidDataException(
                $"'{source}' has outputs {Describe(model.Outputs)}; Deblur needs one float output [N, 3, H, W].");
        }

        if (model.Names.Any(n => n.StartsWith("deblur/", StringComparison.Ordinal) || n.StartsWith("stripformer/", StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"'{source}' uses value names starting with 'deblur/' or 'stripformer/', which Deblur reserves (is it already a wrapped model?).");
        }

        return new DeblurModelCheck(model, model.Inputs[0].Name, model.Outputs[0].Name);
    }

    private static bool IsImage(OnnxValueInfo value, bool requireThreeChannels) =>
        value.ElementType == (int)OnnxElementType.Float
        && (value.Dims is null || (value.Dims.Count == 4 && (!requireThreeChannels || value.Dims[1] is null or 3)));

    private static string Describe(IReadOnlyList<OnnxValueInfo> values) =>
        values.Count == 0 ? "(none)" : string.Join(", ", values);
}
