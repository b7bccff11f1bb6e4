namespace MLNet.Stripformer.Torch.Training;

/// <summary>The loss terms of one step (unweighted terms, weighted total).</summary>
internal readonly record struct StepLosses(double Total, double Charbonnier, double Edge, double Contrastive);
