namespace MLNet.Stripformer.Scoring;

/// <summary>
/// The deblurring model that ships inside this assembly: a <c>seed</c> Stripformer trained by this project on real
/// photos blurred with OpenCV Gaussian kernels up to sigma 1.6 (see <c>models/MODEL_CARD.md</c>). It is what
/// <c>mlContext.Transforms.Deblur(output, input)</c> uses when no model is given. It is not trained for motion blur.
/// </summary>
public static class DefaultDeblurModel
{
    /// <summary>The model's file name, as it is kept in the repository's <c>models/</c> folder.</summary>
    public const string FileName = "stripformer-seed-gaussian.onnx";

    private const string ResourceName = "MLNet.Stripformer.Models." + FileName;

    /// <summary>Opens the embedded ONNX model for reading.</summary>
    /// <returns>A read-only stream; the caller disposes it.</returns>
    /// <exception cref="InvalidOperationException">The assembly was built without the model.</exception>
    public static Stream Open() =>
        typeof(DefaultDeblurModel).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"{typeof(DefaultDeblurModel).Assembly.GetName().Name} was built without its default model '{FileName}'.");

    /// <summary>Writes the embedded ONNX model to a file (atomically), e.g. to inspect it or to score it elsewhere.</summary>
    /// <param name="path">The file to write.</param>
    public static void WriteTo(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var model = Open();
        Imaging.AtomicFile.Write(path, model.CopyTo);
    }

    /// <summary>The embedded ONNX model's bytes.</summary>
    /// <returns>A new array holding the whole model.</returns>
    public static byte[] ReadAllBytes()
    {
        using var model = Open();
        using var copy = new MemoryStream(checked((int)model.Length));
        model.CopyTo(copy);
        return copy.ToArray();
    }
}
