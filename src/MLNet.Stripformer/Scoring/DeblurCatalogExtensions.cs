using Microsoft.ML;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer;

/// <summary>ONNX-scored deblurring on <c>mlContext.Transforms</c>.</summary>
public static class DeblurCatalogExtensions
{
    /// <summary>Deblurs a packed image column with the model shipped in this library (<see cref="DefaultDeblurModel"/>:
    /// a <c>seed</c> Stripformer trained on Gaussian blur up to sigma 1.6).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The deblurred image column to add.</param>
    /// <param name="inputColumnName">The blurred image column.</param>
    /// <param name="options">Device, threads and tiling; null for the defaults.</param>
    public static DeblurEstimator Deblur(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, DeblurOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new DeblurEstimator(catalog, outputColumnName, inputColumnName, DefaultDeblurModel.ReadAllBytes(), $"the default model ({DefaultDeblurModel.FileName})", options);
    }

    /// <summary>Deblurs a packed image column with an ONNX model file (an exported Stripformer, or any model with
    /// one float input [N, 3, H, W] in [0, 1] and one output of that shape).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The deblurred image column to add.</param>
    /// <param name="inputColumnName">The blurred image column.</param>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="options">Device, threads and tiling; null for the defaults.</param>
    /// <exception cref="FileNotFoundException">The model file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an ONNX model with the expected input and output.</exception>
    public static DeblurEstimator Deblur(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, string modelPath, DeblurOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath))
        {
            throw new FileNotFoundException($"The ONNX model '{modelPath}' does not exist.", modelPath);
        }

        return new DeblurEstimator(catalog, outputColumnName, inputColumnName, File.ReadAllBytes(modelPath), modelPath, options);
    }

    /// <summary>Deblurs a packed image column with an ONNX model read from a stream (see the path overload).</summary>
    /// <param name="catalog">The transforms catalog.</param>
    /// <param name="outputColumnName">The deblurred image column to add.</param>
    /// <param name="inputColumnName">The blurred image column.</param>
    /// <param name="model">The ONNX model's bytes (read to the end, not disposed).</param>
    /// <param name="options">Device, threads and tiling; null for the defaults.</param>
    /// <exception cref="InvalidDataException">The bytes are not an ONNX model with the expected input and output.</exception>
    public static DeblurEstimator Deblur(this TransformsCatalog catalog, string outputColumnName, string inputColumnName, Stream model, DeblurOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        using var copy = new MemoryStream();
        model.CopyTo(copy);
        return new DeblurEstimator(catalog, outputColumnName, inputColumnName, copy.ToArray(), "the model stream", options);
    }
}
