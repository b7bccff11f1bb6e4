namespace MLNet.Stripformer.Imaging;

/// <summary>What the decoder does with a transparent (alpha) channel; the library's images are RGB only.</summary>
public enum AlphaHandling
{
    /// <summary>Blend the image over a white background, as image viewers and browsers show it (the default).</summary>
    CompositeOnWhite,

    /// <summary>Blend the image over a black background.</summary>
    CompositeOnBlack,

    /// <summary>Ignore the alpha channel and keep the stored colour of every pixel, even fully transparent ones.</summary>
    Drop,
}
