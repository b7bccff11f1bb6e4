namespace MLNet.Stripformer.Quantization;

/// <summary>What <see cref="ModelQuantizer"/> did.</summary>
/// <param name="Convolutions">Convolutions now run in int8.</param>
/// <param name="MatMuls">Matrix products with a constant weight now run in int8.</param>
/// <param name="CalibrationImages">Images the activations were calibrated on.</param>
/// <param name="SourceBytes">Size of the float model.</param>
/// <param name="QuantizedBytes">Size of the int8 model.</param>
public sealed record QuantizationSummary(int Convolutions, int MatMuls, int CalibrationImages, long SourceBytes, long QuantizedBytes);
