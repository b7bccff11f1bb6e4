namespace MLNet.Stripformer.Quantization;

/// <summary>Options of <see cref="ModelQuantizer"/>: which photos calibrate the activations, and how weights are stored.</summary>
public sealed class QuantizationOptions
{
    /// <summary>Default <see cref="CalibrationImages"/>: 16 photos.</summary>
    public const int DefaultCalibrationImages = 16;

    /// <summary>Default <see cref="CalibrationSize"/>: 256 pixels.</summary>
    public const int DefaultCalibrationSize = 256;

    /// <summary>At most this many photos are read from the calibration set (in name order). Default 16.</summary>
    public int CalibrationImages { get; set; } = DefaultCalibrationImages;

    /// <summary>The side of the centred square crop of each photo the network runs on while calibrating (a multiple of
    /// 4; smaller photos are used whole, cut to the 4-pixel grid). Default 256.</summary>
    public int CalibrationSize { get; set; } = DefaultCalibrationSize;

    /// <summary>Bits of the signed per-channel weights: 7 (default) or 8. Seven bits keep ONNX Runtime's AVX2 int8
    /// kernels exact: without AVX-512 VNNI or AVX-VNNI they add pairs of uint8 x int8 products in 16 bits, which
    /// saturates with 8-bit weights (255 x 127 x 2 &gt; 32767). Use 8 only for CPUs with VNNI (or AMX) and GPUs.</summary>
    public int WeightBits { get; set; } = 7;

    /// <summary>Quantize convolutions (<c>Conv</c>, int8 in and out). Default false: on the shipped <c>seed</c>
    /// network, uint8 activations at full resolution cost 3.4 dB on the validation crops (the residual it adds to the
    /// photo needs finer steps), for a 1.1x gain in speed; see benchmarks/RESULTS.md.</summary>
    public bool QuantizeConvolutions { get; set; }

    /// <summary>Quantize matrix products with a constant weight (<c>MatMul</c>: int8 in, float out; the projections of
    /// the transformer blocks). Default true.</summary>
    public bool QuantizeMatMuls { get; set; } = true;

    /// <summary>Threads ONNX Runtime uses while calibrating; null uses every CPU.</summary>
    public int? IntraOpThreads { get; set; }

    /// <summary>Throws an <see cref="ArgumentOutOfRangeException"/> naming the first invalid option.</summary>
    public void Validate()
    {
        if (CalibrationImages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(CalibrationImages), CalibrationImages, $"{nameof(CalibrationImages)} must be 1 or more.");
        }

        if (CalibrationSize < 16 || CalibrationSize % 4 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(CalibrationSize), CalibrationSize, $"{nameof(CalibrationSize)} must be a multiple of 4, at least 16.");
        }

        if (WeightBits is not (7 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightBits), WeightBits, $"{nameof(WeightBits)} must be 7 or 8.");
        }

        if (!QuantizeConvolutions && !QuantizeMatMuls)
        {
            throw new ArgumentOutOfRangeException(nameof(QuantizeConvolutions), $"{nameof(QuantizeConvolutions)} and {nameof(QuantizeMatMuls)} are both false: nothing would be quantized.");
        }

        if (IntraOpThreads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, $"{nameof(IntraOpThreads)} must be 1 or more (or null for every CPU).");
        }
    }
}
