using MLNet.Stripformer.Torch.Runtime;
using MLNet.Stripformer.Torch.Modules;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MLNet.Stripformer.Torch.Losses;

/// <summary>
/// The default, offline feature network of the contrastive loss: the ImageNet-pretrained ResNet-18 that the
/// <c>Microsoft.ML.DnnImageFeaturizer.ResNet18</c> package ships as ONNX, run in TorchSharp from its initializers up
/// to the end of its first residual stage (64 channels at a quarter of the input resolution, like VGG19's relu3_1).
/// Frozen; gradients flow to the input only.
/// </summary>
public sealed class ResNet18Features : Module<Tensor, Tensor>
{
    /// <summary>Where the package puts the model in an application's output folder.</summary>
    public static readonly string PackagedModelPath = Path.Combine("DnnImageModels", "ResNet18Onnx", "ResNet18.onnx");

    /// <summary>The graph value the features are taken from (the output of the first residual stage).</summary>
    public const string FeatureOutput = "ReLU283_Output_0";

    private readonly List<OnnxGraphReader.Node> _nodes;
    private readonly Dictionary<string, Tensor> _weights;
    private readonly string _input;
    private readonly string _output;

    private ResNet18Features(List<OnnxGraphReader.Node> nodes, Dictionary<string, Tensor> weights, string input, string output)
        : base("ResNet18Features")
    {
        _nodes = nodes;
        _weights = weights;
        _input = input;
        _output = output;
    }

    /// <summary>The packaged model next to the application, or null when the package is not referenced.</summary>
    public static string? FindPackagedModel()
    {
        string path = Path.Combine(AppContext.BaseDirectory, PackagedModelPath);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Loads the graph prefix and its weights.</summary>
    /// <param name="path">The ResNet18.onnx file.</param>
    /// <param name="device">Where to put the weights.</param>
    /// <param name="output">The graph value to stop at (default: <see cref="FeatureOutput"/>).</param>
    /// <exception cref="InvalidDataException">The file is not that model (the output or an operator is missing).</exception>
    public static ResNet18Features Load(string path, Device device, string output = FeatureOutput)
    {
        var (nodes, initializers) = OnnxGraphReader.Read(path);
        int last = nodes.FindIndex(n => n.Outputs.Contains(output));
        if (last < 0)
        {
            throw new InvalidDataException($"'{path}' is not the ML.NET ResNet-18 ONNX model: it has no '{output}'.");
        }

        var prefix = nodes.Take(last + 1).ToList();
        var unsupported = prefix.FirstOrDefault(n => n.OpType is not ("Conv" or "BatchNormalization" or "Relu" or "MaxPool" or "AveragePool" or "Add"));
        if (unsupported is not null)
        {
            throw new InvalidDataException($"'{path}': operator {unsupported.OpType} is not supported in the feature prefix.");
        }

        var weights = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var name in prefix.SelectMany(n => n.Inputs).Distinct())
        {
            if (initializers.TryGetValue(name, out var tensor))
            {
                weights[name] = torch.tensor(tensor.Data, tensor.Dims).to(device);
            }
        }

        string input = prefix[0].Inputs[0];
        return new ResNet18Features(prefix, weights, input, output);
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var values = new Dictionary<string, Tensor>(StringComparer.Ordinal) { [_input] = input };
        Tensor Value(string name) => values.TryGetValue(name, out var v) ? v : _weights[name];
        foreach (var node in _nodes)
        {
            values[node.Outputs[0]] = node.OpType switch
            {
                "Conv" => Convolve(node, Value(node.Inputs[0]), Value(node.Inputs[1])),
                "BatchNormalization" => BatchNorm(node, Value(node.Inputs[0]), Value(node.Inputs[1]), Value(node.Inputs[2]), Value(node.Inputs[3]), Value(node.Inputs[4])),
                "Relu" => functional.relu(Value(node.Inputs[0])),
                "MaxPool" => Pool(node, Value(node.Inputs[0])),
                "AveragePool" => functional.avg_pool2d(Value(node.Inputs[0]), node.Ints["kernel_shape"], node.Ints.GetValueOrDefault("strides") ?? node.Ints["kernel_shape"]),
                _ => Value(node.Inputs[0]).Plus(Value(node.Inputs[1])),
            };
        }

        return values[_output].MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var weight in _weights.Values)
            {
                weight.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    /// <summary>ONNX pads are [top, left, bottom, right]; F.pad wants [left, right, top, bottom].</summary>
    private static long[] Pads(OnnxGraphReader.Node node) =>
        node.Ints.TryGetValue("pads", out var p) ? [p[1], p[3], p[0], p[2]] : [0, 0, 0, 0];

    private static Tensor Convolve(OnnxGraphReader.Node node, Tensor x, Tensor weight)
    {
        var padded = functional.pad(x, Pads(node));
        long[] strides = node.Ints.GetValueOrDefault("strides") ?? [1, 1];
        return ChannelBlocks.Conv2d(padded, weight, null, strides, [0, 0], node.Ints.GetValueOrDefault("group")?[0] ?? 1);
    }

    private static Tensor BatchNorm(OnnxGraphReader.Node node, Tensor x, Tensor scale, Tensor bias, Tensor mean, Tensor variance)
    {
        double epsilon = node.Floats.GetValueOrDefault("epsilon", 1e-5f);
        return functional.batch_norm(x, mean, variance, scale, bias, training: false, momentum: 0, eps: epsilon);
    }

    private static Tensor Pool(OnnxGraphReader.Node node, Tensor x)
    {
        var padded = functional.pad(x, Pads(node), value: double.NegativeInfinity);
        long[] kernel = node.Ints["kernel_shape"];
        long[] strides = node.Ints.GetValueOrDefault("strides") ?? kernel;
        return functional.max_pool2d(padded, kernel, strides);
    }
}
