using RnnPlayground.Core.Data;
using RnnPlayground.Core.Layers;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Training;

/// <summary>What one <see cref="Trainer.TrainStep"/> did.</summary>
/// <param name="Step">Training steps (mini-batches) done so far, this one included.</param>
/// <param name="Epoch">Completed epochs.</param>
/// <param name="Loss">The loss of the batch (mean over its chunks under truncated BPTT).</param>
/// <param name="GradientNorm">Global gradient norm before clipping (of the last update).</param>
/// <param name="LearningRate">Learning rate of the last update.</param>
/// <param name="Clipped">Whether clipping changed the gradients.</param>
/// <param name="EpochEnded">Whether this batch was the last of an epoch.</param>
public readonly record struct StepResult(long Step, int Epoch, LossValue Loss, double GradientNorm, float LearningRate, bool Clipped, bool EpochEnded);

/// <summary>
/// Trains a <see cref="SequenceModel"/> on an <see cref="ISequenceDataset"/>: shuffled
/// mini-batches of the training split (from the run's <see cref="RandomSource"/>), forward,
/// loss, backpropagation through time (full or truncated), clipping, schedule, optimizer update.
/// After the first step at full batch size a step allocates no managed memory. Sequences of
/// different lengths run as padded, masked batches, bucketed by length (see <see cref="BucketBatches"/>).
/// </summary>
public sealed class Trainer
{
    private readonly Batch _batch;
    private readonly int[] _order;
    private readonly int[] _trainLengths;
    private readonly long[] _bucketKeys;
    private readonly int[] _bucketScratch;
    private readonly int[] _bucketBatches;
    private readonly float[] _outputGradient;
    private float[] _chunkInputs = [];
    private int[] _chunkTokens = [];
    private int _position;
    private float? _learningRateOverride;

    public Trainer(SequenceModel model, ISequenceDataset data, Optimizer optimizer, TaskLoss loss, RandomSource random,
        TrainerOptions? options = null, LearningRateSchedule? schedule = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(random);
        options ??= new TrainerOptions();
        options.Validate();
        if (!ReferenceEquals(optimizer.Parameters, model.Parameters))
            throw new ArgumentException("the optimizer updates a different model's parameters", nameof(optimizer));
        CheckCompatible(model, data.Shape, loss);
        if (data.Shape.VariableLength && options.TruncatedBptt is not null)
            throw new ArgumentException("truncated BPTT needs sequences of one length; these have different lengths");
        int trainCount = data.Count(Split.Train);
        if (trainCount < 1) throw new ArgumentException("the dataset has no training samples", nameof(data));
        Model = model;
        Data = data;
        Optimizer = optimizer;
        Loss = loss;
        Random = random;
        Options = options;
        ClipNorm = options.ClipNorm;
        Schedule = schedule ?? new ConstantSchedule(optimizer.LearningRate);
        model.SetRandom(random);
        foreach (RecurrentLayer r in model.RecurrentLayers) r.TrackGradientNorms = options.TrackGradientNorms;
        _batch = new Batch(data.Shape, Math.Min(options.BatchSize, trainCount));
        _order = new int[trainCount];
        for (int i = 0; i < trainCount; i++) _order[i] = i;
        bool bucket = data.Shape.VariableLength;
        _trainLengths = new int[bucket ? trainCount : 0];
        for (int i = 0; i < _trainLengths.Length; i++) _trainLengths[i] = data.LengthOf(Split.Train, i);
        int window = bucket ? Math.Min(trainCount, _batch.Capacity * BucketBatches) : 0;
        _bucketKeys = new long[window];
        _bucketScratch = new int[window];
        _bucketBatches = new int[bucket ? BucketBatches : 0];
        _position = trainCount; // the first step starts an epoch
        int targetSteps = data.Shape.TargetEveryStep ? data.Shape.SequenceLength : 1;
        _outputGradient = new float[targetSteps * _batch.Capacity * model.OutputWidth];
    }

    /// <summary>
    /// Sequences of different lengths: each epoch's shuffled order is cut into windows of this many
    /// batches, each window sorted by length (so a batch holds sequences of similar lengths and
    /// little padding) and its batches shuffled again.
    /// </summary>
    public const int BucketBatches = 8;

    public SequenceModel Model { get; }

    public ISequenceDataset Data { get; }

    public Optimizer Optimizer { get; }

    public TaskLoss Loss { get; }

    public RandomSource Random { get; }

    public TrainerOptions Options { get; }

    public LearningRateSchedule Schedule { get; }

    /// <summary>When set, every update uses this learning rate instead of the schedule's.</summary>
    public float? LearningRateOverride
    {
        get => _learningRateOverride;
        set
        {
            if (value is { } v && (!(v > 0f) || float.IsInfinity(v)))
                throw new ArgumentOutOfRangeException(nameof(LearningRateOverride), v, "learning rate must be finite and > 0");
            _learningRateOverride = value;
        }
    }

    /// <summary>
    /// Factor on every update's learning rate (the schedule's or the override), changed live
    /// (halve / double in the window) without touching the weights or the step count.
    /// </summary>
    public float LearningRateScale
    {
        get;
        set => field = value > 0f && float.IsFinite(value) ? value : throw new ArgumentOutOfRangeException(nameof(LearningRateScale), value, "must be finite and > 0");
    } = 1f;

    /// <summary>Max gradient norm the updates are clipped to (null: no clipping); starts as <see cref="TrainerOptions.ClipNorm"/>, changeable live.</summary>
    public double? ClipNorm
    {
        get;
        set => field = value is not { } v || (v > 0 && double.IsFinite(v)) ? value : throw new ArgumentOutOfRangeException(nameof(ClipNorm), value, "clip norm must be finite and > 0");
    }

    /// <summary>Training steps (mini-batches) done.</summary>
    public long Step { get; private set; }

    /// <summary>Epochs completed.</summary>
    public int Epoch { get; private set; }

    /// <summary>The batch of the latest step (read it for views; do not keep it).</summary>
    public Batch CurrentBatch => _batch;

    /// <summary>Optimizer updates in one training step: one per chunk with targets under truncated BPTT, else one.</summary>
    public int UpdatesPerStep
    {
        get
        {
            int steps = Data.Shape.SequenceLength, chunk = Math.Min(Options.TruncatedBptt ?? steps, steps);
            return Data.Shape.TargetEveryStep ? (steps + chunk - 1) / chunk : 1;
        }
    }

    /// <summary>Samples in the training split (the length of the epoch's sample order).</summary>
    public int TrainingSamples => _order.Length;

    /// <summary>Batches in one epoch.</summary>
    public int BatchesPerEpoch => (_order.Length + _batch.Capacity - 1) / _batch.Capacity;

    /// <summary>Checks that the model, the data and the loss fit each other, naming what differs.</summary>
    public static void CheckCompatible(SequenceModel model, TaskShape shape, TaskLoss loss)
    {
        ModelSpec spec = model.Spec;
        if (shape.TokenInput != spec.TokenInput)
            throw new ArgumentException(shape.TokenInput
                ? $"the data gives token ids (vocabulary {shape.VocabularySize}) but the model takes {spec.InputFeatures} float features per step"
                : $"the data gives {shape.InputFeatures} float features per step but the model takes token ids");
        if (shape.TokenInput && shape.VocabularySize != spec.Vocabulary)
            throw new ArgumentException($"the data's vocabulary has {shape.VocabularySize} tokens but the model's embedding has {spec.Vocabulary}");
        if (!shape.TokenInput && shape.InputFeatures != spec.InputFeatures)
            throw new ArgumentException($"the data has {shape.InputFeatures} features per step but the model takes {spec.InputFeatures}");
        if (model.OutputWidth != shape.OutputWidth)
            throw new ArgumentException($"the model outputs {model.OutputWidth} values per row but the task needs {shape.OutputWidth} ({shape.NumClasses} class logits + {shape.NumValues} values)");
        if ((spec.Head == HeadMode.EveryStep) != shape.TargetEveryStep)
            throw new ArgumentException(shape.TargetEveryStep
                ? "the data has a target at every step but the model's head reads only the last step"
                : "the data has one target per sequence but the model's head outputs every step");
        if (!ReferenceEquals(loss.Shape, shape) && loss.Shape.OutputWidth != shape.OutputWidth)
            throw new ArgumentException("the loss was made for a different task");
    }

    /// <summary>Trains on the next mini-batch (starting a new, reshuffled epoch when one ends).</summary>
    /// <exception cref="TrainingDivergedException">The loss or gradient norm is not finite; parameters are left as before the update.</exception>
    public StepResult TrainStep()
    {
        if (_position >= _order.Length)
        {
            if (Options.Shuffle) Random.Shuffle(_order.AsSpan());
            if (_trainLengths.Length > 0) BucketByLength();
            _position = 0;
        }
        int size = Math.Min(_batch.Capacity, _order.Length - _position);
        _batch.Size = size;
        Data.Fill(Split.Train, _order.AsSpan(_position, size), _batch);
        _position += size;
        bool epochEnded = _position >= _order.Length;
        StepResult result = TrainOn(_batch);
        if (epochEnded) Epoch++;
        return result with { Epoch = Epoch, EpochEnded = epochEnded };
    }

    /// <summary>
    /// One training step on a batch the caller filled (e.g. from a replay window): forward, loss,
    /// backward through time (full or truncated), clipping, schedule, update. Counts as a step but
    /// not towards epochs. The batch must have this trainer's task shape and at most its capacity.
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss or gradient norm is not finite; parameters are left as before the update.</exception>
    public StepResult TrainOn(Batch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        TaskShape shape = Data.Shape;
        if (!ReferenceEquals(batch.Shape, shape) && batch.Shape != shape)
            throw new ArgumentException("the batch was made for another task", nameof(batch));
        int size = batch.Size;
        if (size < 1 || size > _batch.Capacity)
            throw new ArgumentOutOfRangeException(nameof(batch), size, $"batch size must be in [1, {_batch.Capacity}]");
        Step++;
        bool variable = shape.VariableLength;
        int steps = variable ? batch.Steps : shape.SequenceLength;
        if (steps < 1 || steps > shape.SequenceLength)
            throw new ArgumentOutOfRangeException(nameof(batch), batch.Steps, $"batch steps must be in [1, {shape.SequenceLength}]");
        ReadOnlySpan<int> lengths = variable ? batch.Lengths.AsSpan(0, size) : default;
        int chunk = Math.Min(Options.TruncatedBptt ?? steps, steps);
        int chunks = (steps + chunk - 1) / chunk;
        Model.CarryState = chunks > 1;
        Model.ResetState();
        double total = 0, ce = 0, reg = 0;
        int lossChunks = 0;
        double norm = 0;
        float lr = Optimizer.LearningRate;
        bool clipped = false;
        for (int c = 0; c < chunks; c++)
        {
            int t0 = c * chunk, len = Math.Min(chunk, steps - t0);
            bool hasTargets = shape.TargetEveryStep || c == chunks - 1;
            Activations input = ChunkInput(batch, t0, len, size, steps);
            Activations output = Model.Forward(input, lengths, training: true);
            if (!hasTargets) continue;
            int rows = output.Rows;
            int targetOffset = shape.TargetEveryStep ? t0 * size : 0;
            ReadOnlySpan<int> classes = shape.NumClasses > 0 ? batch.Classes.AsSpan(targetOffset, rows) : default;
            ReadOnlySpan<float> values = shape.NumValues > 0 ? batch.Values.AsSpan(targetOffset * shape.NumValues, rows * shape.NumValues) : default;
            LossValue lv = Loss.Compute(output.Span, rows, classes, values, _outputGradient);
            if (!double.IsFinite(lv.Total)) throw new TrainingDivergedException(Step, "loss", lv.Total);
            Model.Parameters.ZeroGradients();
            Model.Backward(new Activations(_outputGradient, output.Steps, output.Batch, output.Width));
            long clipping = StepProfile.Begin();
            (norm, clipped) = ClipGradients();
            StepProfile.End(StepPhase.Clipping, clipping);
            if (!double.IsFinite(norm)) throw new TrainingDivergedException(Step, "gradient norm", norm);
            lr = (_learningRateOverride ?? Schedule.LearningRateAt(Optimizer.StepCount + 1)) * LearningRateScale;
            Optimizer.LearningRate = lr;
            long update = StepProfile.Begin();
            Optimizer.Step();
            StepProfile.End(StepPhase.Optimizer, update);
            total += lv.Total;
            ce += lv.Classification;
            reg += lv.Regression;
            lossChunks++;
        }
        Model.CarryState = false;
        var loss = new LossValue(total / lossChunks, ce / lossChunks, reg / lossChunks);
        return new StepResult(Step, Epoch, loss, norm, lr, clipped, false);
    }

    private (double Norm, bool Clipped) ClipGradients()
    {
        double norm;
        bool clipped = false;
        if (ClipNorm is { } maxNorm)
        {
            norm = GradientClipping.ClipByNorm(Model.Parameters, maxNorm);
            clipped = norm > maxNorm;
        }
        else
        {
            norm = GradientClipping.GlobalNorm(Model.Parameters);
        }
        if (Options.ClipValue is { } clip && double.IsFinite(norm))
        {
            GradientClipping.ClipByValue(Model.Parameters, clip);
            clipped |= MaxAbsGradient() > clip;
        }
        return (norm, clipped);
    }

    private float MaxAbsGradient() =>
        MathF.Abs(System.Numerics.Tensors.TensorPrimitives.MaxMagnitude(Model.Parameters.Gradients.AsSpan(0, Model.Parameters.Count)));

    /// <summary>
    /// Sorts each window of <see cref="BucketBatches"/> batches of the epoch's order by length
    /// (stable for equal lengths), then shuffles the window's batches.
    /// </summary>
    private void BucketByLength()
    {
        int window = _bucketKeys.Length, capacity = _batch.Capacity;
        for (int start = 0; start < _order.Length; start += window)
        {
            int n = Math.Min(window, _order.Length - start);
            Span<int> part = _order.AsSpan(start, n);
            for (int i = 0; i < n; i++) _bucketKeys[i] = (long)_trainLengths[part[i]] * n + i;
            Array.Sort(_bucketKeys, 0, n);
            for (int i = 0; i < n; i++) _bucketScratch[i] = part[(int)(_bucketKeys[i] % n)];
            // Full batches in shuffled order; a short last batch (the epoch's end) stays last.
            int full = n / capacity;
            for (int k = 0; k < full; k++) _bucketBatches[k] = k;
            if (Options.Shuffle) Random.Shuffle(_bucketBatches.AsSpan(0, full));
            for (int k = 0; k < full; k++) _bucketScratch.AsSpan(_bucketBatches[k] * capacity, capacity).CopyTo(part.Slice(k * capacity, capacity));
            _bucketScratch.AsSpan(full * capacity, n - full * capacity).CopyTo(part[(full * capacity)..]);
        }
    }

    private Activations ChunkInput(Batch batch, int t0, int len, int size, int steps)
    {
        TaskShape shape = Data.Shape;
        if (shape.TokenInput)
        {
            if (t0 == 0 && len == steps) return Activations.FromTokens(batch.Tokens, len, size);
            if (_chunkTokens.Length < len * size) _chunkTokens = new int[len * _batch.Capacity];
            batch.Tokens.AsSpan(t0 * size, len * size).CopyTo(_chunkTokens);
            return Activations.FromTokens(_chunkTokens, len, size);
        }
        int f = shape.InputFeatures;
        if (t0 == 0 && len == steps) return new Activations(batch.Inputs, len, size, f);
        if (_chunkInputs.Length < len * size * f) _chunkInputs = new float[len * _batch.Capacity * f];
        batch.Inputs.AsSpan(t0 * size * f, len * size * f).CopyTo(_chunkInputs);
        return new Activations(_chunkInputs, len, size, f);
    }

    /// <summary>The trainer's own progress, for checkpoints: steps, epochs, the epoch's sample order and position.</summary>
    public TrainerState SaveState() => new(Step, Epoch, _position, [.. _order], _learningRateOverride);

    /// <summary>Restores what <see cref="SaveState"/> returned.</summary>
    /// <exception cref="ArgumentException">The state was made for a dataset of another size.</exception>
    public void RestoreState(TrainerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Order.Length != _order.Length)
            throw new ArgumentException($"the saved sample order has {state.Order.Length} entries but the training split has {_order.Length} samples");
        var seen = new bool[_order.Length];
        foreach (int i in state.Order)
        {
            if ((uint)i >= (uint)seen.Length || seen[i]) throw new ArgumentException("the saved sample order is not a permutation of the training split");
            seen[i] = true;
        }
        if (state.Position < 0 || state.Position > _order.Length || state.Step < 0 || state.Epoch < 0)
            throw new ArgumentException($"the saved trainer position (step {state.Step}, epoch {state.Epoch}, sample {state.Position}) is out of range");
        state.Order.CopyTo(_order, 0);
        _position = state.Position;
        Step = state.Step;
        Epoch = state.Epoch;
        _learningRateOverride = state.LearningRateOverride;
    }
}

/// <summary>A trainer's progress: steps and epochs done, where it is in the current epoch's sample order, and any learning-rate override.</summary>
public sealed record TrainerState(long Step, int Epoch, int Position, int[] Order, float? LearningRateOverride = null);
