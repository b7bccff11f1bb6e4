namespace MLNet.Stripformer.Torch.Training;

/// <summary>Named starting points for <see cref="StripformerTrainerOptions"/>; every field stays overridable.</summary>
public enum TrainingRecipe
{
    /// <summary>No recipe: the options' own defaults (crops 256, flips and rotations, Adam 1e-4 constant, batch 8).</summary>
    None,

    /// <summary>The report's code: both images resized to 256x448, no augmentation, Adam 1e-3 constant, batch 16,
    /// 10 epochs (its data: all three Gaussian kernels per photo).</summary>
    Report,

    /// <summary>The paper's official training: 256 crops, flips and 90-degree rotations, Adam 1e-4 with cosine decay
    /// to 1e-7, batch 8.</summary>
    Paper,
}
