namespace MLNet.Stripformer.Blur;

/// <summary>
/// OpenCV's Gaussian kernel. The 1-D weights are <c>exp(-(i - (k-1)/2)^2 / (2 sigma^2))</c> normalised to sum 1,
/// computed in double precision as <c>cv::getGaussianKernel</c> does. For 8-bit images OpenCV works in fixed point
/// with integer weights summing to 256 (<see cref="FixedPointWeights"/>); the library reproduces that exactly.
/// </summary>
public sealed class GaussianKernel : BlurKernel
{
    private readonly float[] _weights2D;

    internal GaussianKernel(int size, double sigma)
    {
        RequireOddSize(size, nameof(size));
        RequirePositive(sigma, nameof(sigma));
        Size = size;
        Sigma = sigma;
        Weights1D = ComputeWeights(size, sigma);
        FixedPointWeights = ComputeFixedPoint(Weights1D);
        _weights2D = new float[size * size];
        for (int y = 0; y < size; y++)
        {
            for (int x = 0; x < size; x++)
            {
                _weights2D[(y * size) + x] = (float)(Weights1D[y] * Weights1D[x]);
            }
        }
    }

    /// <summary>Width and height.</summary>
    public int Size { get; }

    /// <summary>Standard deviation in pixels.</summary>
    public double Sigma { get; }

    /// <summary>The normalised 1-D weights (double precision).</summary>
    public IReadOnlyList<double> Weights1D { get; }

    /// <summary>
    /// The integer weights OpenCV uses on 8-bit images: <c>q_i = round(256 C_i) - round(256 C_(i-1))</c> where
    /// <c>C_i</c> is the cumulative sum of <see cref="Weights1D"/>; they sum to exactly 256.
    /// </summary>
    public IReadOnlyList<int> FixedPointWeights { get; }

    /// <inheritdoc/>
    public override int Width => Size;

    /// <inheritdoc/>
    public override int Height => Size;

    /// <inheritdoc/>
    public override string Spec => $"gaussian:{Size}:{Format(Sigma)}";

    /// <inheritdoc/>
    public override IReadOnlyList<float> Weights => _weights2D;

    private static double[] ComputeWeights(int size, double sigma)
    {
        var weights = new double[size];
        double scale = -0.5 / (sigma * sigma);
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            double x = i - ((size - 1) * 0.5);
            weights[i] = Math.Exp(scale * x * x);
            sum += weights[i];
        }

        for (int i = 0; i < size; i++)
        {
            weights[i] /= sum;
        }

        return weights;
    }

    private static int[] ComputeFixedPoint(IReadOnlyList<double> weights)
    {
        var q = new int[weights.Count];
        double cumulative = 0;
        long previous = 0;
        for (int i = 0; i < q.Length; i++)
        {
            cumulative += weights[i];
            long rounded = (long)Math.Round(256 * cumulative, MidpointRounding.AwayFromZero);
            q[i] = (int)(rounded - previous);
            previous = rounded;
        }

        return q;
    }
}
