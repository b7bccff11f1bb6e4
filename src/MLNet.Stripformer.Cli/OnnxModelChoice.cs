using Microsoft.ML;
using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Cli;

/// <summary>The ONNX model a command scores with: the file given with <c>--model</c>, or the library's default.</summary>
/// <param name="Name">The file name, for messages and reports.</param>
/// <param name="Path">The model file, or null for the default model.</param>
internal sealed record OnnxModelChoice(string Name, string? Path)
{
    /// <summary>The given model file, or the default model when none is given; a clear error when the file is missing.</summary>
    public static OnnxModelChoice Resolve(string? path) =>
        path is null ? new OnnxModelChoice(DefaultDeblurModel.FileName, null)
        : File.Exists(path) ? new OnnxModelChoice(System.IO.Path.GetFileName(path), path)
        : throw new FileNotFoundException($"The ONNX model '{path}' does not exist.", path);

    /// <summary>The Deblur estimator over this model (errors name the file).</summary>
    public DeblurEstimator Deblur(TransformsCatalog transforms, string outputColumnName, string inputColumnName, DeblurOptions options) =>
        Path is null ? transforms.Deblur(outputColumnName, inputColumnName, options) : transforms.Deblur(outputColumnName, inputColumnName, Path, options);

    /// <summary>The model's bytes.</summary>
    public byte[] ReadAllBytes() => Path is null ? DefaultDeblurModel.ReadAllBytes() : File.ReadAllBytes(Path);
}
