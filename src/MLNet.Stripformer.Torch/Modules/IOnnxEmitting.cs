using MLNet.Stripformer.Torch.Export;

namespace MLNet.Stripformer.Torch.Modules;

/// <summary>A module that writes its own forward pass into an ONNX graph, next to its TorchSharp <c>forward</c>.</summary>
internal interface IOnnxEmitting
{
    /// <summary>Emits the module applied to <paramref name="input"/> and returns the result's value name.</summary>
    /// <param name="ops">The graph and the network's weights.</param>
    /// <param name="input">The input value.</param>
    /// <param name="prefix">The module's state-dict path (its weights are <c>prefix.weight</c>...).</param>
    string Emit(GraphOps ops, string input, string prefix);
}
