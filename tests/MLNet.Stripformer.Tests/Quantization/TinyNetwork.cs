using MLNet.Stripformer.Onnx;

namespace MLNet.Stripformer.Tests.Quantization;

/// <summary>A small image-to-image ONNX network with the shapes the quantizer handles in Stripformer: a 3x3
/// convolution and LeakyReLU, a per-pixel constant-weight MatMul with its bias, a 1x1 convolution back to RGB and a
/// residual connection to the input. Weights are drawn from a seeded generator.</summary>
internal static class TinyNetwork
{
    public static byte[] Build(int seed = 7)
    {
        var random = new Random(seed);
        float[] Draw(int count, float scale) => Enumerable.Range(0, count).Select(_ => (float)(((random.NextDouble() * 2) - 1) * scale)).ToArray();
        var graph = new OnnxGraphBuilder("tiny", "t/");
        graph.Input("image", OnnxElementType.Float, "N", 3, "H", "W");
        string conv = graph.Op(
            "Conv",
            ["image", graph.Initializer("w1", Draw(8 * 3 * 9, 0.4f), [8, 3, 3, 3]), graph.Initializer("b1", Draw(8, 0.1f), [8])],
            OnnxAttribute.Ints("pads", 1, 1, 1, 1));
        string activated = graph.Op("LeakyRelu", [conv], OnnxAttribute.Float("alpha", 0.2f));
        string channelsLast = graph.Op("Transpose", [activated], OnnxAttribute.Ints("perm", 0, 2, 3, 1));
        string mixed = graph.Op("Add", [graph.Op("MatMul", [channelsLast, graph.Initializer("wm", Draw(64, 0.4f), [8, 8])]), graph.Initializer("bm", Draw(8, 0.1f), [8])]);
        string channelsFirst = graph.Op("Transpose", [mixed], OnnxAttribute.Ints("perm", 0, 3, 1, 2));
        string residual = graph.Op("Conv", [channelsFirst, graph.Initializer("w2", Draw(3 * 8, 0.2f), [3, 8, 1, 1]), graph.Initializer("b2", Draw(3, 0.02f), [3])]);
        graph.Node("Add", [residual, "image"], ["deblurred"]);
        graph.Output("deblurred", OnnxElementType.Float, "N", 3, "H", "W");
        return OnnxModelWriter.Write(graph, new Dictionary<string, string> { ["stripformer.config"] = "tiny" });
    }
}
