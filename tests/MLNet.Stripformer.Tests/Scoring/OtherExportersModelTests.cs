using Google.Protobuf;
using Microsoft.ML;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Tests.Support;
using Onnx;

namespace MLNet.Stripformer.Tests.Scoring;

/// <summary>Issue 17: ONNX files from other exporters (float16 and int8 weights, external data) through <c>Deblur</c>.</summary>
public sealed class OtherExportersModelTests
{
    [Fact]
    public void A_model_with_float16_and_int8_initializers_deblurs_through_the_tiling_wrapper()
    {
        // y = Cast(Cast(x, fp16) * 0.5h, float) + DequantizeLinear(int8 51, scale 0.01): 0.5 x + 0.51.
        var graph = new OnnxGraphBuilder("mixed_types", "m/");
        graph.Input("x", OnnxElementType.Float, "N", 3, "H", "W");
        string half = graph.Op("Cast", ["x"], OnnxAttribute.Int("to", 10));
        string scaled = graph.Op("Cast", [graph.Op("Mul", [half, "w16"])], OnnxAttribute.Int("to", 1));
        graph.Node("Add", [scaled, graph.Op("DequantizeLinear", ["q8", graph.FloatScalar(0.01f)])], ["y"]);
        graph.Output("y", OnnxElementType.Float, "N", 3, "H", "W");
        var model = ModelProto.Parser.ParseFrom(OnnxModelWriter.Write(graph, new Dictionary<string, string>()));
        model.Graph.Initializer.Add(new TensorProto { Name = "w16", DataType = 10, RawData = ByteString.CopyFrom(BitConverter.GetBytes((Half)0.5f)) });
        model.Graph.Initializer.Add(new TensorProto { Name = "q8", DataType = 3, RawData = ByteString.CopyFrom([51]) });

        var context = new MLContext(seed: 1);
        var image = TestImages.Noise(40, 30, 5);
        var data = context.Data.LoadFromEnumerable([new TestImages.ImageRow { Image = PackedImage.Pack(image) }]);
        var options = new Stripformer.Scoring.DeblurOptions { TileSize = 16, TileOverlap = 4 };
        var output = ImageColumn.Read(context.Transforms.Deblur("Deblurred", "Image", new MemoryStream(model.ToByteArray()), options).Fit(data).Transform(data), "Deblurred").Single();

        for (int i = 0; i < image.Pixels.Length; i++)
        {
            Assert.Equal(Math.Min(1f, (0.5f * image.Pixels[i]) + 0.51f), output.Pixels[i], 3e-3f); // float16 keeps 11 bits
        }
    }

    [Fact]
    public void A_model_with_external_data_is_refused_naming_the_file_and_the_way_out()
    {
        var graph = new OnnxGraphBuilder("external", "e/");
        graph.Input("x", OnnxElementType.Float, "N", 3, "H", "W");
        graph.Node("Mul", ["x", "w"], ["y"]);
        graph.Output("y", OnnxElementType.Float, "N", 3, "H", "W");
        var model = ModelProto.Parser.ParseFrom(OnnxModelWriter.Write(graph, new Dictionary<string, string>()));
        model.Graph.Initializer.Add(new TensorProto
        {
            Name = "w",
            DataType = 1,
            DataLocation = TensorProto.Types.DataLocation.External,
            ExternalData = { new StringStringEntryProto { Key = "location", Value = "weights.bin" } },
        });

        var ex = Assert.Throws<InvalidDataException>(() => OnnxModelReader.Read(model.ToByteArray(), "exported/model.onnx"));
        Assert.Contains("'exported/model.onnx'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("external data", ex.Message, StringComparison.Ordinal);
        Assert.Contains("save_as_external_data=False", ex.Message, StringComparison.Ordinal);
    }
}
