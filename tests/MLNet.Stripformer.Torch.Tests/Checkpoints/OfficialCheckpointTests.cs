using System.Collections;
using Microsoft.ML;
using Microsoft.ML.Data;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Tests.Export;
using MLNet.Stripformer.Torch.Tests.Support;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Checkpoints;

/// <summary>Issue 16: the official Stripformer checkpoints load as published, their configuration recognised.</summary>
public class OfficialCheckpointTests
{
    public OfficialCheckpointTests() => TorchRuntime.Initialize();

    private sealed class Row
    {
        [VectorType]
        public float[] Blurred { get; set; } = [];
    }

    [Fact]
    public void An_official_best_checkpoint_of_the_paper_network_is_recognised_exported_and_scored_like_torchsharp()
    {
        using var dir = new TempDirectory();
        using var source = ExportedNetworks.Perturbed(StripformerConfig.Paper, seed: 7);
        string path = dir.File("best_Stripformer_gopro.pth");
        PyTorchFiles.Save(PyTorchFiles.StateDict(source), path);

        using (var loaded = NetworkFiles.Load(path))
        {
            Assert.Equal(StripformerConfig.Paper, loaded.Config);
            AssertSameWeights(source, loaded);
        }

        string onnx = NetworkFiles.ToCachedOnnx(path);
        DateTime written = File.GetLastWriteTimeUtc(onnx);
        Assert.Equal(onnx, NetworkFiles.ToCachedOnnx(path)); // the second call reuses the export
        Assert.Equal(written, File.GetLastWriteTimeUtc(onnx));

        manual_seed(3);
        using var input = rand(1, 3, 22, 30);
        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable([new Row { Blurred = PackedImage.Pack(new RgbImage(30, 22, input.data<float>().ToArray())) }]);
        var scored = ml.Transforms.DeblurWithCheckpoint("Deblurred", "Blurred", path, new DeblurOptions { IntraOpThreads = 2 }).Fit(data).Transform(data);
        float[] actual = scored.GetColumn<float[]>("Deblurred").Single();
        using var scope = NewDisposeScope();
        var expected = ExportedNetworks.RunTorchTensor(source, input).ClampTo(0, 1);
        Assert.True(ExportedNetworks.MaxAbsDifference(expected.contiguous().data<float>().ToArray(), actual[2..]) <= 1e-4f);
    }

    [Theory]
    [InlineData("last")]
    [InlineData("compiled")]
    [InlineData("ours")]
    public void The_other_layouts_people_have_load_into_the_recognised_seed_network(string layout)
    {
        using var dir = new TempDirectory();
        using var source = ExportedNetworks.Perturbed(StripformerConfig.Seed, seed: 9);
        string path = dir.File(layout + ".pth");
        PyTorchFiles.Save(
            layout switch
            {
                "last" => PyTorchFiles.TrainingState(source), // last_*.pth: {epoch, model_state: {module.*}, optimizer, ...}
                "compiled" => PyTorchFiles.StateDict(source, "module._orig_mod."), // DataParallel around torch.compile
                _ => PyTorchFiles.StateDict(source, string.Empty),
            },
            path);

        using var loaded = NetworkFiles.Load(path);

        Assert.Equal(StripformerConfig.Seed, loaded.Config);
        AssertSameWeights(source, loaded);
    }

    [Fact]
    public void A_file_without_a_state_dict_is_refused_listing_its_top_level_entries()
    {
        using var dir = new TempDirectory();
        string path = dir.File("optimizer_only.pth");
        PyTorchFiles.Save(new Hashtable { ["epoch"] = 5, ["optimizer"] = new Hashtable { ["lr"] = 0.1 } }, path);

        var error = Assert.Throws<InvalidDataException>(() => NetworkFiles.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("'epoch'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'optimizer'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_configuration_is_named_with_its_widths()
    {
        using var dir = new TempDirectory();
        using var tiny = new StripformerNetwork(TorchReferences.Tiny());
        string path = dir.File("tiny.pth");
        PyTorchFiles.Save(PyTorchFiles.StateDict(tiny), path);

        var error = Assert.Throws<InvalidDataException>(() => NetworkFiles.Load(path));
        using var given = NetworkFiles.Load(path, TorchReferences.Tiny());

        Assert.Contains("Encoder1 4, Encoder2 8, Latent 8, DecoderDim 8", error.Message, StringComparison.Ordinal);
        Assert.Contains("seed: Encoder1 32", error.Message, StringComparison.Ordinal);
        AssertSameWeights(tiny, given);
    }

    private static void AssertSameWeights(StripformerNetwork expected, StripformerNetwork actual)
    {
        var loaded = actual.state_dict();
        foreach (var (name, tensor) in expected.state_dict())
        {
            Assert.True(tensor.allclose(loaded[name], rtol: 0, atol: 0), name);
        }
    }
}
