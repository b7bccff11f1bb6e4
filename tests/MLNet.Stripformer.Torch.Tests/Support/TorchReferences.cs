using MLNet.Stripformer.Tests.Support;
using MLNet.Stripformer.Torch.Modules;

namespace MLNet.Stripformer.Torch.Tests.Support;

/// <summary>Files written by References/make_references.py with PyTorch 1.13 from the reference implementation.</summary>
internal static class TorchReferences
{
    /// <summary>The tiny configuration the committed PyTorch state dict was made with (same names and structure).</summary>
    public static StripformerConfig Tiny(StripformerOutput output = StripformerOutput.Sigmoid, float shift = 0f) =>
        new("tiny", 4, 8, 8, 2, 8, 2, output, shift);

    public static string File(string name) =>
        Path.Combine(TestPaths.RepositoryRoot, "tests", "MLNet.Stripformer.Torch.Tests", "References", name);
}
