using MLNet.Stripformer.Imaging;

namespace MLNet.Stripformer.Degradations;

/// <summary><c>none</c>: the image as it is (an alternative that leaves some images alone).</summary>
public sealed class NoDegradation : Degradation
{
    private NoDegradation()
    {
    }

    /// <summary>The one instance.</summary>
    public static NoDegradation Instance { get; } = new();

    /// <inheritdoc/>
    public override string Spec => "none";

    /// <inheritdoc/>
    public override RgbImage Apply(RgbImage image, Random random)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new RgbImage(image.Width, image.Height, (float[])image.Pixels.Clone());
    }
}
