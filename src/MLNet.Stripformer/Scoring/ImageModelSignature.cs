using Google.Protobuf;
using MLNet.Stripformer.Onnx;

namespace MLNet.Stripformer.Scoring;

/// <summary>The input and output of an image-to-image ONNX model, checked: one float input [N, 3, H, W] and one float
/// output of rank 4.</summary>
/// <param name="InputName">The input's name.</param>
/// <param name="OutputName">The output's name.</param>
/// <param name="InputSymbols">The names of the input's batch, height and width dimensions when all three are
/// distinct symbols (so that a session can fix them to one image size); null otherwise.</param>
internal sealed record ImageModelSignature(string InputName, string OutputName, (string Batch, string Height, string Width)? InputSymbols)
{
    /// <summary>Checks a model held in memory, reading only its inputs and outputs.</summary>
    /// <exception cref="InvalidDataException">Not an ONNX model, or not an image-to-image one; the message names
    /// <paramref name="source"/> and what was found.</exception>
    public static ImageModelSignature Read(byte[] model, string source)
    {
        var (inputs, outputs) = OnnxSignatureReader.Read(new CodedInputStream(model), model.Length, source);
        return Check(inputs, outputs, source);
    }

    /// <summary>Checks a model file, reading only its inputs and outputs (the weights are skipped, not loaded).</summary>
    /// <exception cref="InvalidDataException">As <see cref="Read(byte[], string)"/>.</exception>
    public static ImageModelSignature ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        var (inputs, outputs) = OnnxSignatureReader.Read(new CodedInputStream(stream), stream.Length, path);
        return Check(inputs, outputs, path);
    }

    /// <summary>Checks declared inputs and outputs.</summary>
    /// <exception cref="InvalidDataException">They are not one float image in and one float image out.</exception>
    public static ImageModelSignature Check(IReadOnlyList<OnnxValueInfo> inputs, IReadOnlyList<OnnxValueInfo> outputs, string source)
    {
        if (inputs.Count != 1 || !IsImage(inputs[0], requireThreeChannels: true))
        {
            throw new InvalidDataException(
                $"'{source}' has inputs {Describe(inputs)}; Deblur needs an image-to-image model with one float input [N, 3, H, W] (RGB in [0, 1]).");
        }

        if (outputs.Count != 1 || !IsImage(outputs[0], requireThreeChannels: false))
        {
            throw new InvalidDataException($"'{source}' has outputs {Describe(outputs)}; Deblur needs one float output [N, 3, H, W].");
        }

        var symbols = inputs[0].Symbols is [{ } batch, _, { } height, { } width] && new[] { batch, height, width }.Distinct(StringComparer.Ordinal).Count() == 3
            ? (batch, height, width)
            : ((string, string, string)?)null;
        return new ImageModelSignature(inputs[0].Name, outputs[0].Name, symbols);
    }

    private static bool IsImage(OnnxValueInfo value, bool requireThreeChannels) =>
        value.ElementType == (int)OnnxElementType.Float
        && (value.Dims is null || (value.Dims.Count == 4 && (!requireThreeChannels || value.Dims[1] is null or 3)));

    private static string Describe(IReadOnlyList<OnnxValueInfo> values) =>
        values.Count == 0 ? "(none)" : string.Join(", ", values);
}
