using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using MLNet.Stripformer.Torch.Losses;
using MLNet.Stripformer.Torch.Runtime;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Tests.Losses;

public class ResNet18FeaturesTests
{
    public ResNet18FeaturesTests() => TorchRuntime.Initialize();

    private static string ModelPath => ResNet18Features.FindPackagedModel() ?? throw new InvalidOperationException("The ResNet18 package is not referenced.");

    [Fact]
    public void The_whole_graph_run_from_its_initializers_matches_onnx_runtime()
    {
        var random = new Random(3);
        float[] pixels = Enumerable.Range(0, 3 * 224 * 224).Select(_ => (float)random.NextDouble() * 255).ToArray();
        using var network = ResNet18Features.Load(ModelPath, CPU, residualBlocks: null);
        using var input = tensor(pixels, [1, 3, 224, 224]);
        using var noGrad = no_grad();
        float[] ours = network.forward(input).data<float>().ToArray();

        using var session = new InferenceSession(ModelPath);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), new DenseTensor<float>(pixels, [1, 3, 224, 224]))]);
        float[] reference = results.First().AsEnumerable<float>().ToArray();
        Assert.Equal(reference.Length, ours.Length);
        double worst = reference.Zip(ours).Max(p => Math.Abs(p.First - p.Second) / Math.Max(1, Math.Abs(p.First)));
        Assert.True(worst < 1e-4, $"largest relative difference {worst}");
    }

    [Fact]
    public void Features_have_a_quarter_of_the_resolution_and_pass_gradients_to_the_input()
    {
        using var network = ResNet18Features.Load(ModelPath, CPU);
        using var scope = NewDisposeScope();
        var input = rand(1, 3, 64, 96, requires_grad: true);
        var features = network.forward(input);
        Assert.Equal(new long[] { 1, 64, 16, 24 }, features.shape);
        features.sum().backward();
        Assert.True(input.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void The_features_are_found_by_structure_at_the_end_of_the_first_stage()
    {
        using var network = ResNet18Features.Load(ModelPath, CPU);
        Assert.Equal("ReLU283_Output_0", network.OutputName); // in this file: the ReLU after the second residual Add
        Assert.Throws<InvalidDataException>(() => ResNet18Features.Load(ModelPath, CPU, residualBlocks: 99));
    }
}
