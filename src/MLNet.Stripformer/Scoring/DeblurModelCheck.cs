using MLNet.Stripformer.Onnx;

namespace MLNet.Stripformer.Scoring;

/// <summary>An ONNX model read whole and checked to be an image-to-image network that <c>Deblur</c> can wrap: its
/// <see cref="ImageModelSignature"/>, and no value names in the wrapper's reserved namespaces.</summary>
internal sealed class DeblurModelCheck
{
    private DeblurModelCheck(OnnxModelReader model, ImageModelSignature signature)
    {
        Model = model;
        Signature = signature;
    }

    public OnnxModelReader Model { get; }

    public ImageModelSignature Signature { get; }

    public string InputName => Signature.InputName;

    public string OutputName => Signature.OutputName;

    /// <summary>Reads and checks a model.</summary>
    /// <param name="bytes">The ONNX file's content.</param>
    /// <param name="source">The model's name in messages (its path).</param>
    /// <exception cref="InvalidDataException">Not an ONNX model, or not one with the expected input and output;
    /// the message names <paramref name="source"/> and what was found.</exception>
    public static DeblurModelCheck Read(ReadOnlyMemory<byte> bytes, string source)
    {
        var model = OnnxModelReader.Read(bytes, source);
        var signature = ImageModelSignature.Check(model.Inputs, model.Outputs, source);
        if (model.Names.Any(n => n.StartsWith("deblur/", StringComparison.Ordinal) || n.StartsWith("stripformer/", StringComparison.Ordinal)))
        {
            throw new InvalidDataException($"'{source}' uses value names starting with 'deblur/' or 'stripformer/', which Deblur reserves (is it already a wrapped model?).");
        }

        return new DeblurModelCheck(model, signature);
    }
}
