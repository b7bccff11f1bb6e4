namespace MLNet.Stripformer.Cli;

/// <summary>The ONNX model shipped with the command (<c>models/stripformer-seed.onnx</c> next to it).</summary>
internal static class DefaultModel
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "models", "stripformer-seed.onnx");

    /// <summary>The given model, or the shipped one; a clear error when neither exists.</summary>
    public static string Resolve(string? model)
    {
        if (model is not null)
        {
            return File.Exists(model) ? model : throw new FileNotFoundException($"The ONNX model '{model}' does not exist.", model);
        }

        return File.Exists(Path)
            ? Path
            : throw new FileNotFoundException($"No default model is installed at '{Path}'; pass --model FILE.onnx (write one with 'stripformer export').", Path);
    }
}
