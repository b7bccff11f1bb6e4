using System.Security.Cryptography;
using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Scoring;

/// <summary>
/// A wrapped Deblur model on disk, named by its SHA-256 under <c>{temp}/mlnet-stripformer-onnx/</c>: ML.NET's ONNX
/// transform is created from a file and reads it again on <c>Model.Save</c>. Equal models share one file; the
/// bytes are kept so that the file can be rewritten if something cleaned the temporary directory in between.
/// </summary>
internal sealed class WrappedModelFile
{
    private readonly byte[] _bytes;

    private WrappedModelFile(string path, byte[] bytes)
    {
        Path = path;
        _bytes = bytes;
    }

    public string Path { get; }

    public static WrappedModelFile Write(byte[] model)
    {
        string directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mlnet-stripformer-onnx");
        string path = System.IO.Path.Combine(directory, Convert.ToHexStringLower(SHA256.HashData(model)) + ".onnx");
        var file = new WrappedModelFile(path, model);
        file.EnsureExists();
        return file;
    }

    /// <summary>Writes the file (atomically) unless it is there with the right length.</summary>
    public void EnsureExists()
    {
        var info = new FileInfo(Path);
        if (!info.Exists || info.Length != _bytes.Length)
        {
            AtomicFile.Write(Path, stream => stream.Write(_bytes));
        }
    }
}
