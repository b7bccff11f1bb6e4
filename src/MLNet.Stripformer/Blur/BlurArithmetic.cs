namespace MLNet.Stripformer.Blur;

/// <summary>How a blur is computed.</summary>
public enum BlurArithmetic
{
    /// <summary>
    /// As OpenCV does on 8-bit images (the default): samples are rounded to 8-bit levels first, Gaussian kernels
    /// run in OpenCV's exact fixed point, other kernels in float, and the result is rounded to 8-bit levels.
    /// </summary>
    EightBit,

    /// <summary>Float convolution of the samples as they are, with no rounding (keeps 16-bit precision).</summary>
    Float,
}
