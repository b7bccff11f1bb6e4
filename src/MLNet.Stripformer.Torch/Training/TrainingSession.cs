using MLNet.Stripformer.Torch.Runtime;
using TorchSharp;
using System.Diagnostics;
using System.Reflection;
using Microsoft.ML;
using MLNet.Stripformer.Evaluation;
using MLNet.Stripformer.Torch.Checkpoints;
using MLNet.Stripformer.Torch.Losses;
using MLNet.Stripformer.Torch.Modules;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MLNet.Stripformer.Torch.Training;

/// <summary>
/// One training run: builds (or resumes) the network and Adam, streams batches from the background loader, takes
/// steps inside dispose scopes (memory stays flat), validates every epoch, keeps the best weights, writes
/// <c>last.ckpt</c>, <c>best.ckpt</c> and <c>metrics.csv</c>, stops early on a plateau, and on cancellation saves
/// <c>last.ckpt</c> before throwing <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class TrainingSession : IDisposable
{
    public const string LastCheckpointName = "last.ckpt";
    public const string BestCheckpointName = "best.ckpt";
    public const string MetricsName = "metrics.csv";

    private readonly StripformerTrainerOptions _options;
    private readonly Device _device;
    private readonly Action<string> _log;
    private readonly Func<bool> _contextCanceled;
    private readonly MixedPrecisionModel _model;
    private readonly Adam _optimizer;
    private readonly nn.Module<Tensor, Tensor>? _features;
    private readonly List<EpochMetrics> _history = [];
    private readonly int _seed;
    private Dictionary<string, Tensor>? _bestWeights;
    private CheckpointState _state;

    public TrainingSession(StripformerTrainerOptions options, int seed, Device device, Action<string> log, Func<bool>? contextCanceled = null)
    {
        _options = options;
        _device = device;
        _log = log;
        _contextCanceled = contextCanceled ?? (() => false);
        var config = options.NetworkConfig;
        CheckpointState? resumed = options.ResumeFrom is null ? null : TrainingCheckpoint.ReadState(options.ResumeFrom);
        if (resumed is not null && resumed.Config != config)
        {
            throw new ArgumentException($"ResumeFrom '{options.ResumeFrom}' holds a '{resumed.Config.Name}' network ({resumed.Config}); the options ask for {config}.");
        }

        _seed = resumed?.Seed ?? seed;
        manual_seed(_seed);
        var master = new StripformerNetwork(config);
        master.to(device);
        if (options.InitialWeights is not null && resumed is null)
        {
            WeightsFile.Load(master, options.InitialWeights);
        }
        else if (resumed is null && options.StartAtIdentity)
        {
            master.StartAtIdentity();
        }

        master.train();
        var precision = PrecisionChoice.Resolve(options.Precision, device);
        _model = new MixedPrecisionModel(master, precision, device);
        _optimizer = new RootedAdam(master.parameters(), options.LearningRate);
        if (resumed is not null)
        {
            TrainingCheckpoint.LoadWeights(options.ResumeFrom!, master);
            TrainingCheckpoint.LoadOptimizer(options.ResumeFrom!, _optimizer);
            _history.AddRange(resumed.History);
            RestoreBestWeights(options.ResumeFrom!, resumed);
            _log($"Resuming from '{options.ResumeFrom}' after epoch {resumed.CompletedEpochs}, step {resumed.StepInEpoch} ({resumed.GlobalStep} steps in all).");
        }

        _state = resumed ?? new CheckpointState(config, 0, 0, 0, _seed, null, 0, 0, precision.ToString(), [], Version);
        string? featurePath = options.FeatureNetworkPath ?? ResNet18Features.FindPackagedModel();
        if (options.ContrastiveWeight > 0 && featurePath is null)
        {
            _log("warning: the contrastive loss is disabled: no feature network was found (give FeatureNetworkPath: a torchvision VGG19 .pth, " +
                "or reference Microsoft.ML.DnnImageFeaturizer.ResNet18); training uses the Charbonnier and edge losses only.");
        }
        else if (options.ContrastiveWeight > 0)
        {
            bool onnx = featurePath!.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
            _features = onnx ? ResNet18Features.Load(featurePath, device) : Vgg19Features.Load(featurePath, device);
            _log($"The contrastive loss uses {(onnx ? "ResNet-18 (ONNX) first-stage" : "VGG19 relu3_1")} features from '{featurePath}'.");
        }

        if (options.CheckpointDirectory is not null)
        {
            Directory.CreateDirectory(options.CheckpointDirectory);
        }
    }

    public TrainingPrecision Precision => _model.Precision;

    private static string Version => typeof(TrainingSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public TrainingResult Run(IDataView train)
    {
        bool stoppedEarly = false;
        for (int epoch = _state.CompletedEpochs + 1; epoch <= _options.Epochs && !stoppedEarly; epoch++)
        {
            var metrics = RunEpoch(train, epoch, skip: epoch == _state.CompletedEpochs + 1 ? _state.StepInEpoch : 0);
            _history.Add(metrics);
            bool improved = metrics.ValidationPsnr is { } psnr && (_state.BestPsnr is null || psnr > _state.BestPsnr);
            int stale = metrics.ValidationPsnr is null ? 0 : improved ? 0 : _state.EpochsWithoutImprovement + 1;
            _state = _state with
            {
                CompletedEpochs = epoch,
                StepInEpoch = 0,
                BestPsnr = improved ? metrics.ValidationPsnr : _state.BestPsnr,
                BestEpoch = improved || metrics.ValidationPsnr is null ? epoch : _state.BestEpoch,
                EpochsWithoutImprovement = stale,
                History = _history.ToList(),
            };
            if (improved)
            {
                KeepBestWeights(_model.Master);
                Save(BestCheckpointName);
            }

            Save(LastCheckpointName);
            if (_options.CheckpointDirectory is not null)
            {
                MetricsCsv.Write(Path.Combine(_options.CheckpointDirectory, MetricsName), _history);
            }

            stoppedEarly = _options.EarlyStoppingPatience is { } patience && stale >= patience && epoch < _options.Epochs;
            if (stoppedEarly)
            {
                _log($"Early stopping after epoch {epoch}: no better validation PSNR for {stale} epochs (best {_state.BestPsnr:F2} dB at epoch {_state.BestEpoch}).");
            }
        }

        if (_bestWeights is not null)
        {
            using var noGrad = no_grad();
            foreach (var (name, tensor) in _model.Master.state_dict())
            {
                tensor.copy_(_bestWeights[name]);
            }
        }

        _model.Master.eval();
        return new TrainingResult(_history.ToList(), _state.BestPsnr, _state.BestEpoch, stoppedEarly, _model.Precision);
    }

    public StripformerNetwork DetachNetwork() => _model.Master;

    public void Dispose()
    {
        _model.Dispose();
        _optimizer.Dispose();
        _features?.Dispose();
        DisposeBestWeights();
    }

    private EpochMetrics RunEpoch(IDataView train, int epoch, int skip)
    {
        var clock = Stopwatch.StartNew();
        int? knownSteps = _history.Count > 0 ? _history[^1].Steps : null;
        double sumTotal = 0, sumCharbonnier = 0, sumEdge = 0, sumContrastive = 0, learningRate = _options.LearningRate;
        int step = 0, trained = 0, images = 0;
        using (var stream = new BatchStream(train, _options, _seed, epoch))
        {
            foreach (var batch in stream.Batches())
            {
                step++;
                if (step <= skip)
                {
                    continue;
                }

                if (_options.CancellationToken.IsCancellationRequested || _contextCanceled())
                {
                    _state = _state with { StepInEpoch = step - 1, History = _history.ToList() };
                    Save(LastCheckpointName);
                    _log($"Cancelled in epoch {epoch} after step {step - 1}; saved {LastCheckpointName}.");
                    _options.CancellationToken.ThrowIfCancellationRequested();
                    throw new OperationCanceledException("Training was cancelled through the MLContext (CancelExecution).");
                }

                learningRate = LearningRates.At(_options, epoch, step, knownSteps);
                var losses = TrainStep(batch, learningRate);
                _state = _state with { GlobalStep = _state.GlobalStep + 1 };
                trained++;
                images += batch.Count;
                (sumTotal, sumCharbonnier, sumEdge, sumContrastive) = (sumTotal + losses.Total, sumCharbonnier + losses.Charbonnier, sumEdge + losses.Edge, sumContrastive + losses.Contrastive);
                double rate = images / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
                TimeSpan? eta = knownSteps is { } k ? TimeSpan.FromSeconds(((Math.Max(k - step, 0)) + ((_options.Epochs - epoch) * k)) * batch.Count / rate) : null;
                _options.Progress?.Report(new TrainingProgress(
                    epoch, _options.Epochs, step, knownSteps, _state.GlobalStep, losses.Total, losses.Charbonnier, losses.Edge, losses.Contrastive, learningRate, rate, eta, _history.LastOrDefault()?.ValidationPsnr, false));
            }
        }

        double? psnr = _options.ValidationData is null ? null : Validate();
        int n = Math.Max(trained, 1);
        var metrics = new EpochMetrics(epoch, step, sumTotal / n, sumCharbonnier / n, sumEdge / n, sumContrastive / n, learningRate, psnr, clock.Elapsed.TotalSeconds);
        _options.Progress?.Report(new TrainingProgress(
            epoch, _options.Epochs, step, step, _state.GlobalStep, metrics.Loss, metrics.Charbonnier, metrics.Edge, metrics.Contrastive, learningRate, images / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), null, psnr, true));
        return metrics;
    }

    private StepLosses TrainStep(TrainingBatch batch, double learningRate)
    {
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        StepLosses losses;
        using (var scope = NewDisposeScope())
        {
            long[] shape = [batch.Count, 3, batch.Height, batch.Width];
            var blurred = tensor(batch.Blurred, shape).to(_device);
            var sharp = tensor(batch.Sharp, shape).to(_device);
            var network = _model.PrepareStep();
            var prediction = network.forward(blurred).to(ScalarType.Float32);
            var charbonnier = CharbonnierLoss.Compute(prediction, sharp);
            var edge = EdgeLoss.Compute(prediction, sharp);
            var total = charbonnier.Times(_options.CharbonnierWeight).Plus(edge.Times(_options.EdgeWeight));
            if (_options.MeanSquaredWeight > 0)
            {
                total = total.Plus(nn.functional.mse_loss(prediction, sharp).Times(_options.MeanSquaredWeight));
            }

            if (_options.PsnrWeight > 0)
            {
                total = total.Plus(PsnrLoss.Compute(prediction, sharp, _options.PsnrCeiling).Times(_options.PsnrWeight));
            }

            double contrastive = 0;
            if (_features is not null)
            {
                var term = ContrastiveLoss.Compute(_features, prediction, sharp, blurred);
                total = total.Plus(term.Times(_options.ContrastiveWeight));
                contrastive = term.item<float>();
            }

            total.backward();
            losses = new StepLosses(total.item<float>(), charbonnier.item<float>(), edge.item<float>(), contrastive);
        }

        _model.CollectGradients();
        var parameters = _model.Master.parameters();
        double gradientNorm = nn.utils.clip_grad_norm_(parameters, _options.GradientClipNorm ?? double.PositiveInfinity, 2.0);
        if (!double.IsFinite(losses.Total) || !double.IsFinite(gradientNorm))
        {
            // Checked before the update, so the weights (and every checkpoint written from them) stay finite.
            _optimizer.zero_grad();
            string what = double.IsFinite(losses.Total) ? $"gradient norm became {gradientNorm} (loss {losses.Total})" : $"loss became {losses.Total}";
            throw new InvalidOperationException($"The training {what} at step {_state.GlobalStep + 1}; lower LearningRate or set GradientClipNorm.");
        }

        _optimizer.step();
        _optimizer.zero_grad();
        return losses;
    }

    /// <summary>The evaluator's PSNR (<see cref="Psnr"/>) is +infinity for a perfect crop; validation caps each crop
    /// at 100 dB so that one perfect crop does not make the mean (and the best-epoch choice) infinite.</summary>
    private const double ValidationPsnrCap = 100;

    private double Validate()
    {
        var network = _model.Master;
        network.eval();
        double sum = 0;
        int count = 0;
        using (no_grad())
        {
            foreach (var pair in PairReader.Read(_options.ValidationData!, _options.BlurredColumnName, _options.SharpColumnName, _options.ResizeTo))
            {
                var crop = CropSampler.Centre(pair, _options.ValidationCropSize);
                using var scope = NewDisposeScope();
                long[] shape = [1, 3, crop.Height, crop.Width];
                var output = network.forward(tensor(crop.Blurred, shape).to(_device)).ClampTo(0, 1);
                var mse = (output - tensor(crop.Sharp, shape).to(_device)).Squared().mean().item<float>();
                sum += Math.Min(Psnr.FromMse(mse), ValidationPsnrCap);
                count++;
            }
        }

        network.train();
        return count == 0 ? throw new ArgumentException("ValidationData has no rows.") : sum / count;
    }

    /// <summary>
    /// Reloads the best weights so far from the <c>best.ckpt</c> beside the checkpoint resumed from, so that a resumed run
    /// ends with the same best epoch as an uninterrupted one.
    /// </summary>
    private void RestoreBestWeights(string resumeFrom, CheckpointState resumed)
    {
        if (resumed.BestPsnr is null)
        {
            return;
        }

        string best = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(resumeFrom))!, BestCheckpointName);

        if (!File.Exists(best))
        {
            _log($"warning: '{best}' is missing, so the best weights before the resume are lost; the run returns its best epoch from now on.");
            return;
        }

        using var network = TrainingCheckpoint.LoadNetwork(best);
        KeepBestWeights(network);
    }

    /// <summary>Keeps a copy of <paramref name="network"/>'s weights as the best so far.</summary>
    private void KeepBestWeights(StripformerNetwork network)
    {
        DisposeBestWeights();
        _bestWeights = network.state_dict().ToDictionary(p => p.Key, p => DetachedCopy.Of(p.Value));
    }

    private void DisposeBestWeights()
    {
        foreach (var tensor in _bestWeights?.Values ?? Enumerable.Empty<Tensor>())
        {
            tensor.Dispose();
        }
    }

    private void Save(string name)
    {
        if (_options.CheckpointDirectory is not null)
        {
            TrainingCheckpoint.Save(Path.Combine(_options.CheckpointDirectory, name), _model.Master, _optimizer, _state);
        }
    }
}
