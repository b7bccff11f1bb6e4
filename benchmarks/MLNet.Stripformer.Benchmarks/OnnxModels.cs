using MLNet.Stripformer.Tests.Support;

namespace MLNet.Stripformer.Benchmarks;

/// <summary>The ONNX files the ONNX benchmarks read, made by the commands in benchmarks/onnx/README.md.</summary>
internal static class OnnxModels
{
    public static string Directory => Path.Combine(TestPaths.RepositoryRoot, "benchmarks", "onnx", "out");

    /// <summary>The seed network as our exporter writes it.</summary>
    public static string Ours => Require("seed.onnx");

    /// <summary>The same weights as PyTorch 1.13's exporter writes them (opset 13).</summary>
    public static string PyTorch => Require("pytorch-seed-opset13.onnx");

    private static string Require(string name)
    {
        string path = Path.Combine(Directory, name);
        return File.Exists(path) ? path : throw new FileNotFoundException($"'{path}' is missing: make it with the commands in benchmarks/onnx/README.md.", path);
    }
}
