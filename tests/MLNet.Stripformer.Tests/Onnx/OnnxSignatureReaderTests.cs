using Google.Protobuf;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Scoring;
using MLNet.Stripformer.Tests.Quantization;
using MLNet.Stripformer.Tests.Support;
using Onnx;

namespace MLNet.Stripformer.Tests.Onnx;

/// <summary>Issue 19.3: a model's inputs and outputs read without loading its weights, and models read by ONNX Runtime
/// from their files.</summary>
public sealed class OnnxSignatureReaderTests
{
    [Fact]
    public void The_signature_equals_what_the_whole_model_declares()
    {
        byte[] model = DefaultDeblurModel.ReadAllBytes();
        var whole = OnnxModelReader.Read(model, "default");
        var (inputs, outputs) = OnnxSignatureReader.Read(new CodedInputStream(model), model.Length, "default");
        Assert.Equal(whole.Inputs.Select(i => i.ToString()), inputs.Select(i => i.ToString()));
        Assert.Equal(whole.Outputs.Select(o => o.ToString()), outputs.Select(o => o.ToString()));
        Assert.Equal(["N", null, "height", "width"], inputs[0].Symbols);
    }

    [Fact]
    public void Initializers_listed_as_inputs_by_old_IR_versions_are_not_inputs()
    {
        var model = ModelProto.Parser.ParseFrom(TinyNetwork.Build());
        foreach (var initializer in model.Graph.Initializer)
        {
            model.Graph.Input.Add(new ValueInfoProto { Name = initializer.Name, Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = 1 } } });
        }

        byte[] bytes = model.ToByteArray();
        var (inputs, _) = OnnxSignatureReader.Read(new CodedInputStream(bytes), bytes.Length, "old.onnx");
        Assert.Equal("image", Assert.Single(inputs).Name);
    }

    [Fact]
    public void A_model_file_with_external_weights_deblurs_like_the_same_model_in_memory()
    {
        using var directory = new TempDirectory();
        byte[] inline = TinyNetwork.Build();
        var model = ModelProto.Parser.ParseFrom(inline);
        using (var weights = File.Create(directory.File("weights.bin")))
        {
            foreach (var tensor in model.Graph.Initializer)
            {
                long offset = weights.Position;
                tensor.RawData.WriteTo(weights);
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = "weights.bin" });
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = tensor.RawData.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                tensor.DataLocation = TensorProto.Types.DataLocation.External;
                tensor.RawData = ByteString.Empty;
            }
        }

        string path = directory.File("tiny.onnx");
        File.WriteAllBytes(path, model.ToByteArray());
        var options = new DeblurOptions { TileSize = 0, IntraOpThreads = 1 };
        var image = TestImages.Noise(40, 32, 3);
        using var fromFile = new ImageDeblurrer(path, options);
        using var fromMemory = new ImageDeblurrer(inline, "tiny.onnx", options);
        Assert.Equal(fromMemory.Deblur(image).Pixels, fromFile.Deblur(image).Pixels);
    }

    [Fact]
    public void A_model_ONNX_Runtime_cannot_load_is_named_when_the_first_image_needs_it()
    {
        using var directory = new TempDirectory();
        var model = ModelProto.Parser.ParseFrom(TinyNetwork.Build());
        model.Graph.Node[1].OpType = "NoSuchOperator";
        string path = directory.File("odd.onnx");
        File.WriteAllBytes(path, model.ToByteArray());

        using var deblurrer = new ImageDeblurrer(path, new DeblurOptions { TileSize = 0, IntraOpThreads = 1 });
        var ex = Assert.Throws<InvalidDataException>(() => deblurrer.Deblur(TestImages.Noise(16, 16, 1)));
        Assert.Contains($"ONNX Runtime cannot load '{path}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NoSuchOperator", ex.Message, StringComparison.Ordinal);
    }
}
