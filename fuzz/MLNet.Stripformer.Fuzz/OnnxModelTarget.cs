using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Torch.Export;

namespace MLNet.Stripformer.Fuzz;

/// <summary>
/// What <c>Deblur</c> does with a model file before ONNX Runtime sees it: read and check the model
/// (<see cref="DeblurModelCheck"/>), wrap it in the tiling graph (<see cref="DeblurGraph"/>) and read the wrapped
/// graph back. Only <see cref="InvalidDataException"/> may escape. ONNX Runtime's own parser is native code and is
/// not instrumented here.
/// </summary>
internal sealed class OnnxModelTarget : IFuzzTarget
{
    public string Name => "onnx";

    /// <summary>The micro network exported by our exporter (<c>fuzz/run.sh</c> adds the test suite's tiny model).</summary>
    public void WriteSeeds(string directory)
    {
        using var network = MicroNetwork.Create();
        File.WriteAllBytes(Path.Combine(directory, "micro.onnx"), network.ToOnnx());
    }

    public void Run(byte[] data)
    {
        try
        {
            var model = DeblurModelCheck.Read(data, "fuzz-input");
            byte[] wrapped = DeblurGraph.Build(model, tile: 64, overlap: 8);
            DeblurModelCheck.Read(wrapped, "wrapped fuzz-input");
        }
        catch (InvalidDataException)
        {
        }
    }
}
