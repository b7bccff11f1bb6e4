using System.Globalization;
using System.Text.Json;
using MLNet.Stripformer.Imaging;
using MLNet.Stripformer.Onnx;
using MLNet.Stripformer.Persistence;
using MLNet.Stripformer.Torch.Modules;
using MLNet.Stripformer.Torch.Scoring;

namespace MLNet.Stripformer.Torch.Export;

/// <summary>
/// Exports a Stripformer to ONNX (TorchSharp has no exporter). The model takes <c>input</c> float [N, 3, H, W]
/// RGB in [0, 1] with symbolic N, H and W and returns <c>output</c> of the same shape; padding to a multiple of 4,
/// the crop back and InterSA's size-dependent softmax scale are part of the graph. IR 9, opset 20 (ONNX Runtime
/// 1.16 or later). Metadata records the configuration, the input range and the project version.
/// </summary>
public static class StripformerOnnxExport
{
    /// <summary>The graph input's name.</summary>
    public const string InputName = "input";

    /// <summary>The graph output's name.</summary>
    public const string OutputName = "output";

    /// <summary>Metadata key of the configuration's name (<c>seed</c>, <c>paper</c>).</summary>
    public const string ConfigKey = "stripformer.config";

    /// <summary>Writes the network as an ONNX file (atomically: a failed export leaves no partial file).</summary>
    /// <param name="network">The network (its weights are read, converted to float32).</param>
    /// <param name="path">The .onnx file to write.</param>
    public static void ExportToOnnx(this StripformerNetwork network, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] model = ToOnnx(network);
        AtomicFile.Write(path, stream => stream.Write(model));
    }

    /// <summary>Writes the network of a trained deblurring transformer as an ONNX file.</summary>
    /// <param name="transformer">The fitted transformer (from the Stripformer trainer).</param>
    /// <param name="path">The .onnx file to write.</param>
    public static void ExportToOnnx(this StripformerDeblurTransformer transformer, string path)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        transformer.Deblurrer.Network.ExportToOnnx(path);
    }

    /// <summary>The ONNX model's bytes.</summary>
    /// <param name="network">The network.</param>
    public static byte[] ToOnnx(this StripformerNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        network.EnsureFiniteWeights("export to ONNX");
        var graph = new OnnxGraphBuilder("stripformer_" + network.Config.Name, "/");
        graph.Input(InputName, OnnxElementType.Float, "N", 3, "height", "width");
        var state = network.state_dict();
        var ops = new GraphOps(graph, new WeightTable(graph, state));
        string result = network.Emit(ops, InputName);
        graph.Node("Identity", [result], [OutputName]);
        graph.Output(OutputName, OnnxElementType.Float, "N", 3, "height", "width");
        var metadata = new Dictionary<string, string>
        {
            [ConfigKey] = network.Config.Name,
            ["stripformer.config_json"] = JsonSerializer.Serialize(network.Config, StripformerJson.Options),
            ["stripformer.input"] = "float32 [N, 3, H, W], RGB, NCHW, values in [0, 1]",
            ["stripformer.output"] = network.Config.Output == StripformerOutput.Sigmoid ? "float32 [N, 3, H, W] in [0, 1]" : "float32 [N, 3, H, W], about [0, 1] (not clamped)",
            ["stripformer.parameters"] = network.ParameterCount.ToString(CultureInfo.InvariantCulture),
            ["stripformer.version"] = ProjectVersion.Current,
        };
        return OnnxModelWriter.Write(graph, metadata);
    }
}
