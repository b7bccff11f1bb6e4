namespace MLNet.Stripformer.Torch.Runtime;

/// <summary>The native TorchSharp runtime could not be loaded; the message lists every attempt and its error.</summary>
public sealed class TorchRuntimeException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was tried and why each attempt failed.</param>
    /// <param name="inner">The last underlying error.</param>
    public TorchRuntimeException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
