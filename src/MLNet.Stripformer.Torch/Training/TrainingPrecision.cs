namespace MLNet.Stripformer.Torch.Training;

/// <summary>Arithmetic of the training step.</summary>
public enum TrainingPrecision
{
    /// <summary>bfloat16 mixed precision where it was measured to pay and to match float32 (CUDA; CPUs with AVX512_BF16
    /// and no AMX), float32 elsewhere.</summary>
    Auto,

    /// <summary>Everything in float32.</summary>
    Float32,

    /// <summary>Convolutions and linear layers in bfloat16; normalisation, softmax, the residual output, the loss
    /// and the master weights in float32.</summary>
    BFloat16,
}
