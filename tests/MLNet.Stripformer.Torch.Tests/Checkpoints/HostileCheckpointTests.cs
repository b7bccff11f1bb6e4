using System.IO.Compression;
using System.Text.Json.Nodes;
using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Tests.Support;

namespace MLNet.Stripformer.Torch.Tests.Checkpoints;

/// <summary>Checkpoints edited to attack the reader: each is refused with an <see cref="InvalidDataException"/> naming
/// the file, before anything large is allocated.</summary>
public class HostileCheckpointTests
{
    public HostileCheckpointTests() => TorchRuntime.Initialize();

    [Theory]
    [InlineData("Encoder1", 1_000_000)]
    [InlineData("Latent", 2_000_000_000)]
    [InlineData("DecoderDim", 65_536)]
    public void A_configuration_larger_than_the_weights_the_file_holds_is_refused_before_the_network_is_built(string field, int value)
    {
        using var dir = new TempDirectory();
        string path = WriteTinyCheckpoint(dir, config => config[field] = value);

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.LoadNetwork(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("claims the configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_configuration_is_refused_naming_the_field()
    {
        using var dir = new TempDirectory();
        string path = WriteTinyCheckpoint(dir, config => config["LatentHeads"] = 0);

        var error = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.LoadNetwork(path));

        Assert.Contains("invalid network configuration", error.Message, StringComparison.Ordinal);
        Assert.Contains("LatentHeads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_checkpoint_and_a_tiny_one_pass_the_size_check()
    {
        using var dir = new TempDirectory();
        using var tiny = TrainingCheckpoint.LoadNetwork(WriteTinyCheckpoint(dir, _ => { }));
        using var shipped = TrainingCheckpoint.LoadNetwork(Path.Combine(TestPaths.RepositoryRoot, "models", "stripformer-seed-gaussian.ckpt"));
        Assert.Equal("seed", shipped.Config.Name);
    }

    private static string WriteTinyCheckpoint(TempDirectory dir, Action<JsonObject> editConfig)
    {
        string path = dir.File("edited.ckpt");
        using (var network = new StripformerNetwork(TorchReferences.Tiny()))
        {
            TrainingCheckpoint.Save(path, network, null, new(network.Config, 1, 0, 1, 1, null, 0, 0, "Float32", [], "test"));
        }

        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var entry = zip.GetEntry("checkpoint.json")!;
        JsonNode state;
        using (var reader = entry.Open())
        {
            state = JsonNode.Parse(reader)!;
        }

        editConfig(state["Config"]!.AsObject());
        entry.Delete();
        using var writer = zip.CreateEntry("checkpoint.json").Open();
        using var json = new System.Text.Json.Utf8JsonWriter(writer);
        state.WriteTo(json);
        return path;
    }
}
