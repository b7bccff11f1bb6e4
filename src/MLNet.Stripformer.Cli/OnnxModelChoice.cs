using Microsoft.ML;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;

namespace MLNet.Stripformer.Cli;

/// <summary>The ONNX model a command scores with: the file given with <c>--model</c> (an <c>.onnx</c> file, or a
/// checkpoint or PyTorch file, exported once into the user's private cache), or the library's default.</summary>
/// <param name="Name">The file name, for messages and reports.</param>
/// <param name="Path">The model file, or null for the default model.</param>
internal sealed record OnnxModelChoice(string Name, string? Path)
{
    /// <summary>The given model file, or the default model when none is given; a clear error when the file is missing.</summary>
    /// <param name="path">The <c>--model</c> value.</param>
    /// <param name="config">For a PyTorch file: <c>seed</c> or <c>paper</c>, or null to recognise it.</param>
    /// <param name="output">For a PyTorch file: the output form, or null for the configuration's.</param>
    public static OnnxModelChoice Resolve(string? path, string? config = null, StripformerOutput? output = null) =>
        path is null ? new OnnxModelChoice(DefaultDeblurModel.FileName, null)
        : !File.Exists(path) ? throw new FileNotFoundException($"The model '{path}' does not exist.", path)
        : path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) ? new OnnxModelChoice(System.IO.Path.GetFileName(path), path)
        : new OnnxModelChoice(System.IO.Path.GetFileName(path), NetworkFiles.ToCachedOnnx(path, Commands.NetworkLoader.Config(config), output));

    /// <summary>The Deblur estimator over this model (errors name the file).</summary>
    public DeblurEstimator Deblur(TransformsCatalog transforms, string outputColumnName, string inputColumnName, DeblurOptions options) =>
        Path is null ? transforms.Deblur(outputColumnName, inputColumnName, options) : transforms.Deblur(outputColumnName, inputColumnName, Path, options);

    /// <summary>The model's bytes.</summary>
    public byte[] ReadAllBytes() => Path is null ? DefaultDeblurModel.ReadAllBytes() : File.ReadAllBytes(Path);
}
