using MLNet.Stripformer.Onnx;
using Onnx;
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

    /// <summary>Residual blocks the features go through: 2, the end of the first stage (64 channels at a quarter of
    /// the input's resolution).</summary>
    public const int FeatureBlocks = 2;

    private readonly List<NodeProto> _nodes;
    private readonly Dictionary<string, Tensor> _weights;
    private readonly string _input;
    private readonly string _output;

    private ResNet18Features(List<NodeProto> nodes, Dictionary<string, Tensor> weights, string input, string output)
        : base("ResNet18Features")
    {
        _nodes = nodes;
        _weights = weights;
        _input = input;
        _output = output;
    }

    /// <summary>The graph value the features are taken from.</summary>
    internal string OutputName => _output;

    /// <summary>The packaged model next to the application, or null when the package is not referenced.</summary>
    public static string? FindPackagedModel()
    {
        string path = Path.Combine(AppContext.BaseDirectory, PackagedModelPath);
        return File.Exists(path) ? path : null;
    }

    /// <summary>Loads the graph up to the end of a residual block, with its weights.</summary>
    /// <param name="path">The ResNet18.onnx file.</param>
    /// <param name="device">Where to put the weights.</param>
    /// <param name="residualBlocks">Stop at the activation after this many residual blocks (the graph's
    /// <c>Add</c> nodes); null runs the whole graph to its output.</param>
    /// <exception cref="InvalidDataException">The file is not that model (too few blocks, or an operator this
    /// interpreter does not run).</exception>
    public static ResNet18Features Load(string path, Device device, int? residualBlocks = FeatureBlocks)
    {
        var model = OnnxModelReader.Read(File.ReadAllBytes(path), path);
        var nodes = model.Nodes.ToList();
        string output = residualBlocks is { } blocks ? BlockOutput(nodes, blocks, path) : model.Outputs[0].Name;
        var prefix = nodes.Take(nodes.FindIndex(n => n.Output.Contains(output)) + 1).ToList();
        var unsupported = prefix.FirstOrDefault(n => n.OpType is not ("Conv" or "BatchNormalization" or "Relu" or "MaxPool" or "AveragePool" or "Add"));
        if (unsupported is not null)
        {
            throw new InvalidDataException($"'{path}': operator {unsupported.OpType} is not supported in the feature prefix.");
        }

        var used = prefix.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        var weights = model.Initializers.Where(t => used.Contains(t.Name))
            .ToDictionary(t => t.Name, t => OnDevice(t.Floats(path), [.. t.Dims], device), StringComparer.Ordinal);
        return new ResNet18Features(prefix, weights, prefix[0].Input[0], output);
    }

    /// <summary>A weight on <paramref name="device"/>; the host copy is freed here, not by the finalizer mid-copy.</summary>
    private static Tensor OnDevice(float[] values, long[] dims, Device device)
    {
        using var host = torch.tensor(values, dims);
        return host.to(device);
    }

    /// <summary>The value after block <paramref name="blocks"/>: the output of the <c>Relu</c> that follows that
    /// block's residual <c>Add</c>.</summary>
    private static string BlockOutput(List<NodeProto> nodes, int blocks, string path)
    {
        var add = nodes.Where(n => n.OpType == "Add").Skip(blocks - 1).FirstOrDefault()
            ?? throw new InvalidDataException($"'{path}' is not the ML.NET ResNet-18 ONNX model: it has fewer than {blocks} residual blocks.");
        return nodes.FirstOrDefault(n => n.OpType == "Relu" && n.Input.Contains(add.Output[0]))?.Output[0]
            ?? throw new InvalidDataException($"'{path}' is not the ML.NET ResNet-18 ONNX model: residual block {blocks} has no activation.");
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var values = new Dictionary<string, Tensor>(StringComparer.Ordinal) { [_input] = input };
        Tensor Value(string name) => values.TryGetValue(name, out var v) ? v : _weights[name];
        foreach (var node in _nodes)
        {
            values[node.Output[0]] = node.OpType switch
            {
                "Conv" => Convolve(node, Value(node.Input[0]), Value(node.Input[1])),
                "BatchNormalization" => BatchNorm(node, Value(node.Input[0]), Value(node.Input[1]), Value(node.Input[2]), Value(node.Input[3]), Value(node.Input[4])),
                "Relu" => functional.relu(Value(node.Input[0])),
                "MaxPool" => Pool(node, Value(node.Input[0])),
                "AveragePool" => functional.avg_pool2d(Value(node.Input[0]), node.Ints("kernel_shape")!, node.Ints("strides") ?? node.Ints("kernel_shape")!),
                _ => Value(node.Input[0]).Plus(Value(node.Input[1])),
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
    private static long[] Pads(NodeProto node) =>
        node.Ints("pads") is { } p ? [p[1], p[3], p[0], p[2]] : [0, 0, 0, 0];

    private static Tensor Convolve(NodeProto node, Tensor x, Tensor weight)
    {
        var padded = functional.pad(x, Pads(node));
        long[] strides = node.Ints("strides") ?? [1, 1];
        return ChannelBlocks.Conv2d(padded, weight, null, strides, [0, 0], node.Ints("group")?[0] ?? 1);
    }

    private static Tensor BatchNorm(NodeProto node, Tensor x, Tensor scale, Tensor bias, Tensor mean, Tensor variance)
    {
        double epsilon = node.Float("epsilon", 1e-5f);
        return functional.batch_norm(x, mean, variance, scale, bias, training: false, momentum: 0, eps: epsilon);
    }

    private static Tensor Pool(NodeProto node, Tensor x)
    {
        var padded = functional.pad(x, Pads(node), value: double.NegativeInfinity);
        long[] kernel = node.Ints("kernel_shape")!;
        long[] strides = node.Ints("strides") ?? kernel;
        return functional.max_pool2d(padded, kernel, strides);
    }
}
