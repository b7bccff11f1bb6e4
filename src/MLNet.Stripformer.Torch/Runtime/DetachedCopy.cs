using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>
/// A copy of a tensor's values outside autograd, made without a temporary that the garbage collector could free
/// while libtorch reads it: <c>t.detach().clone()</c> leaves the detached tensor unreferenced during
/// <c>clone</c>, and TorchSharp's finalizer then frees it under libtorch's feet.
/// </summary>
internal static class DetachedCopy
{
    /// <summary>A new tensor with <paramref name="source"/>'s values, not tracked by autograd.</summary>
    public static Tensor Of(Tensor source)
    {
        using var detached = source.detach();
        return detached.clone();
    }
}
