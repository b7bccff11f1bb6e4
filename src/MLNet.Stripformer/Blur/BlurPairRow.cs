namespace MLNet.Stripformer.Blur;

/// <summary>One (blurred, sharp) training pair made by <see cref="BlurPairs"/>.</summary>
public sealed class BlurPairRow
{
    /// <summary>The source row's path (from its path column), or "row N" when the data has none.</summary>
    public string Path { get; set; } = string.Empty;

    /// <summary>The kernel's spec, e.g. <c>gaussian:11:1.6</c>.</summary>
    public string Kernel { get; set; } = string.Empty;

    /// <summary>The packed sharp image.</summary>
    public float[] Sharp { get; set; } = [];

    /// <summary>The packed blurred image.</summary>
    public float[] Blurred { get; set; } = [];
}
