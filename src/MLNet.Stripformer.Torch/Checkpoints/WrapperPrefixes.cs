using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Checkpoints;

/// <summary>
/// The prefixes training wrappers put before every parameter name: <c>module.</c> (<c>nn.DataParallel</c> and
/// <c>DistributedDataParallel</c>, as the official Stripformer checkpoints have), <c>_orig_mod.</c>
/// (<c>torch.compile</c>), and the attribute names trainers hold the network under.
/// </summary>
internal static class WrapperPrefixes
{
    public static IReadOnlyList<string> All { get; } = ["module.", "_orig_mod.", "model.", "net.", "netG.", "generator.", "network."];

    /// <summary>Removes, repeatedly, a wrapper prefix that every name carries (<c>module._orig_mod.encoder...</c> -> <c>encoder...</c>).</summary>
    /// <returns>The same tensors under their unwrapped names, and the prefixes removed (empty when none).</returns>
    public static (Dictionary<string, Tensor> Tensors, string Removed) Strip(Dictionary<string, Tensor> tensors)
    {
        string removed = string.Empty;
        while (tensors.Count > 0 && All.FirstOrDefault(p => tensors.Keys.All(k => k.StartsWith(p, StringComparison.Ordinal) && k.Length > p.Length)) is { } prefix)
        {
            tensors = tensors.ToDictionary(t => t.Key[prefix.Length..], t => t.Value, StringComparer.Ordinal);
            removed += prefix;
        }

        return (tensors, removed);
    }
}
