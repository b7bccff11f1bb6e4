using MLNet.Stripformer.Scoring;

namespace MLNet.Stripformer.Cli;

/// <summary>The ONNX model a command scores with: the file given with <c>--model</c>, or the library's default.</summary>
/// <param name="Name">The file name, for messages and reports.</param>
/// <param name="Bytes">The model.</param>
internal sealed record OnnxModelChoice(string Name, byte[] Bytes)
{
    /// <summary>The given model file, or the default model when none is given; a clear error when the file is missing.</summary>
    public static OnnxModelChoice Resolve(string? path)
    {
        if (path is null)
        {
            using var stream = DefaultDeblurModel.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return new OnnxModelChoice(DefaultDeblurModel.FileName, copy.ToArray());
        }

        return File.Exists(path)
            ? new OnnxModelChoice(Path.GetFileName(path), File.ReadAllBytes(path))
            : throw new FileNotFoundException($"The ONNX model '{path}' does not exist.", path);
    }
}
