using RnnPlayground.Core.Parameters;
using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

// The whole-sequence passes: Forward over every layer and direction (with dropout between layers
// while training), Backward as the same loops run in reverse, adding into the parameter gradients.
// Both run a masked batch too (see .Masked): its rows sorted longest first, only the running
// sequences' rows go through the cells at each step, and padded steps stay zero.
public abstract partial class RecurrentLayer
{
    private bool _inputProjected;

    /// <summary>
    /// When set, the first layer's input projection of a full-length pass without input dropout is
    /// this one's (e.g. an embedding's table lookup) instead of the product with the input rows; such a
    /// pass's <see cref="Backward"/> then returns no input gradient (the projection takes it).
    /// </summary>
    public IInputProjection? InputProjection { get; set; }

    /// <summary>Whether the latest forward pass used <see cref="InputProjection"/>.</summary>
    public bool InputProjected => _inputProjected;

    public override Activations Forward(in Activations input, bool training)
    {
        CheckWidth(input, InputSize);
        CheckNotEmpty(input);
        _masked = _permuted = false;
        return RunLayers(input, training, BatchFirst, InitialHidden, InitialCell);
    }

    public override Activations Backward(in Activations outputGradient, bool needInputGradient)
    {
        if (!_forwardDone) throw new InvalidOperationException($"{Kind}: Backward called before Forward");
        if (_permuted) return BackwardPermuted(outputGradient, needInputGradient);
        return BackwardLayers(outputGradient, needInputGradient, BatchFirst, FinalHiddenGradient, FinalCellGradient);
    }

    private void CheckNotEmpty(in Activations input)
    {
        if (input.Steps < 1 || input.Batch < 1) throw new ArgumentException($"{Kind}: input {input} must have at least one step and one sample", nameof(input));
    }

    /// <summary>
    /// Runs every layer and direction over <paramref name="input"/> (laid out batch-first when
    /// <paramref name="transpose"/>), from initial states <paramref name="h0"/>, <paramref name="c0"/>
    /// (null for zeros), over the rows <see cref="_activeRows"/> says when <see cref="_masked"/>.
    /// </summary>
    private Activations RunLayers(in Activations input, bool training, bool transpose, float[]? h0, float[]? c0)
    {
        int steps = input.Steps, batch = input.Batch;
        int stateLength = StateCount * batch * HiddenSize;
        _hasInitialHidden = CheckState(h0, stateLength, nameof(InitialHidden), batch);
        _hasInitialCell = HasCellState && CheckState(c0, stateLength, nameof(InitialCell), batch);
        _h0 = h0;
        _c0 = c0;
        if (training && Dropout > 0f && NumLayers > 1 && Random is null)
            throw new InvalidOperationException($"{Kind}: dropout {Dropout} needs a random source (set Random) while training");
        EnsureCapacity(steps, batch);
        DrawVariationalMasks(training, steps, batch);
        _steps = steps;
        _batch = batch;
        _input = transpose ? Transposed(input, ref _timeMajorInput, toBatchFirst: false) : input;
        int[]? activeRows = _masked ? _activeRows : null;
        _inputProjected = InputProjection is not null && !_masked && !_inputMasked;

        int rows = steps * batch, h = HiddenSize, gh = GateCount * h, dh = OutputSize;
        ReadOnlySpan<float> layerInput = _input.Data.AsSpan(0, rows * InputSize);
        int inWidth = InputSize;
        for (int l = 0; l < NumLayers; l++)
        {
            float[] output = _layerOutputs[l];
            ReadOnlySpan<float> projected = MaskInput(l, layerInput, steps, batch, inWidth);
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                DirectionBuffers buf = _buffers[i];
                Span<float> gates = buf.Gates.AsSpan(0, rows * gh);
                long projection = StepProfile.Begin();
                FoldBias(_biasIh[i], _biasHh[i], _foldedBias);
                ParallelRanges.Run(rows, 1, gh, new RowFill(_foldedBias, buf.Gates, gh));
                if (l == 0 && _inputProjected) InputProjection!.Forward(d, _weightIh[i], gates);
                else Sgemm.Multiply(false, true, rows, gh, inWidth, projected, inWidth, _weightIh[i].Values, inWidth, gates, gh, accumulate: true);
                StepProfile.End(StepPhase.InputProjection, projection);
            }
            long loop = StepProfile.Begin();
            if (DirectionsTogether(steps, batch, activeRows)) RunDirectionsTogether(new DirectionLoops(this, l, output, null));
            else
                for (int d = 0; d < Directions; d++) ForwardLoop(l, d, output, activeRows);
            StepProfile.End(StepPhase.RecurrentForward, loop);
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                DirectionBuffers buf = _buffers[i];
                if (_masked) ClearPaddedRows(output, dh, d * h, h, steps, batch);
                // Final states: the hidden state after the last processed step (a masked sequence's own last step).
                for (int b = 0; b < batch; b++)
                {
                    int lastStep = d == 1 ? 0 : _masked ? _sortedLengths[b] - 1 : steps - 1;
                    output.AsSpan((lastStep * batch + b) * dh + d * h, h).CopyTo(_finalHidden.AsSpan((i * batch + b) * h, h));
                    if (HasCellState) buf.Cell.AsSpan((lastStep * batch + b) * h, h).CopyTo(_finalCell.AsSpan((i * batch + b) * h, h));
                }
            }
            _dropoutApplied[l] = training && Dropout > 0f && l < NumLayers - 1;
            if (_dropoutApplied[l])
            {
                Span<float> mask = _masks[l].AsSpan(0, rows * dh);
                Span<float> dropped = _dropped[l].AsSpan(0, rows * dh);
                float keep = 1f - Dropout, scale = 1f / keep;
                ReadOnlySpan<float> y = output.AsSpan(0, rows * dh);
                for (int k = 0; k < mask.Length; k++)
                {
                    mask[k] = Random!.NextFloat() < keep ? scale : 0f;
                    dropped[k] = y[k] * mask[k];
                }
                layerInput = dropped;
            }
            else
            {
                layerInput = output.AsSpan(0, rows * dh);
            }
            inWidth = dh;
        }
        _forwardDone = true;
        var result = MaskOutput(new Activations(_layerOutputs[NumLayers - 1], steps, batch, dh));
        return transpose ? Transposed(result, ref _batchFirstOutput, toBatchFirst: true) : result;
    }

    /// <summary>
    /// Back-propagates through every layer and direction (the gradient laid out batch-first when
    /// <paramref name="transpose"/>), with gradients <paramref name="dFinalHidden"/>,
    /// <paramref name="dFinalCell"/> (null for none) on the final states.
    /// </summary>
    private Activations BackwardLayers(in Activations outputGradient, bool needInputGradient, bool transpose, float[]? dFinalHidden, float[]? dFinalCell)
    {
        int steps = _steps, batch = _batch, rows = steps * batch, h = HiddenSize, gh = GateCount * h, dh = OutputSize;
        if (outputGradient.Rows != rows || outputGradient.Width != dh)
            throw new ArgumentException($"{Kind}: output gradient {outputGradient} does not match output [{steps}, {batch}, {dh}]", nameof(outputGradient));
        int stateLength = StateCount * batch * h;
        bool hasFinalGrad = CheckState(dFinalHidden, stateLength, nameof(FinalHiddenGradient), batch);
        bool hasFinalCellGrad = HasCellState && CheckState(dFinalCell, stateLength, nameof(FinalCellGradient), batch);
        int[]? activeRows = _masked ? _activeRows : null;
        BeginGradientNorms(steps);

        Activations timeMajorGradient = transpose ? Transposed(outputGradient, ref _timeMajorGradient, toBatchFirst: false) : outputGradient;
        float[] dOutputData = UnmaskOutputGradient(timeMajorGradient).Data;
        float[] dInput = _dInputA, dInputOther = _dInputB;
        for (int l = NumLayers - 1; l >= 0; l--)
        {
            int inWidth = l == 0 ? InputSize : dh;
            bool projected = l == 0 && _inputProjected;
            bool needDx = l > 0 || (needInputGradient && !projected);
            Span<float> dx = dInput.AsSpan(0, rows * inWidth);
            if (needDx) dx.Clear();
            float[] output = _layerOutputs[l];
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                Span<float> dHidden = _scratch[d].DHidden.AsSpan(0, batch * h);
                Span<float> dCell = _scratch[d].DCell.AsSpan(0, batch * h);
                if (hasFinalGrad) dFinalHidden.AsSpan(i * batch * h, batch * h).CopyTo(dHidden); else dHidden.Clear();
                if (HasCellState)
                {
                    if (hasFinalCellGrad) dFinalCell.AsSpan(i * batch * h, batch * h).CopyTo(dCell); else dCell.Clear();
                }
            }
            long loop = StepProfile.Begin();
            if (DirectionsTogether(steps, batch, activeRows)) RunDirectionsTogether(new DirectionLoops(this, l, output, dOutputData));
            else
                for (int d = 0; d < Directions; d++) BackwardLoop(l, d, output, dOutputData, activeRows);
            StepProfile.End(StepPhase.BackwardTimeLoop, loop);
            long products = StepProfile.Begin();
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                DirectionScratch scratch = _scratch[d];
                if (_masked)
                {
                    ClearPaddedRows(scratch.DA, gh, 0, gh, steps, batch);
                    if (UsesSeparateHiddenGradient) ClearPaddedRows(scratch.RecurrentSide(true), gh, 0, gh, steps, batch);
                }
                scratch.DHidden.AsSpan(0, batch * h).CopyTo(_initialHiddenGradient.AsSpan(i * batch * h, batch * h));
                if (HasCellState) scratch.DCell.AsSpan(0, batch * h).CopyTo(_initialCellGradient.AsSpan(i * batch * h, batch * h));
            }
            if (WeightProductsShared(l, projected))
            {
                WeightProductsRanShared++;
                ComputeThreads.ParallelFor(2, new WeightProductShares(this, l), wakeSleepingWorkers: true);
            }
            else
            {
                for (int d = 0; d < Directions; d++)
                {
                    int i = l * Directions + d;
                    // dW_ih [GH × in] += dAᵀ · X
                    if (projected) InputProjection!.Backward(d, _weightIh[i], _scratch[d].DA.AsSpan(0, rows * gh));
                    else AddInputWeightGradient(l, d, ComputeThreads.Count);
                    AddRecurrentWeightGradient(i, d == 1, _scratch[d].RecurrentSide(UsesSeparateHiddenGradient).AsSpan(0, rows * gh), output,
                        ComputeThreads.Count);
                }
            }
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                ReadOnlySpan<float> dA = _scratch[d].DA.AsSpan(0, rows * gh);
                ReadOnlySpan<float> dAhSpan = _scratch[d].RecurrentSide(UsesSeparateHiddenGradient).AsSpan(0, rows * gh);
                if (HasBias && UsesSeparateHiddenGradient)
                {
                    VectorMath.AddColumnSums(rows, gh, dA, gh, _biasIh[i]!.Gradients);
                    VectorMath.AddColumnSums(rows, gh, dAhSpan, gh, _biasHh[i]!.Gradients);
                }
                else if (HasBias)
                {
                    // b_ih and b_hh enter the same pre-activation: one column sum serves both.
                    _columnSums.AsSpan().Clear();
                    VectorMath.AddColumnSums(rows, gh, dA, gh, _columnSums);
                    VectorMath.Add(_biasIh[i]!.Gradients, _columnSums, _biasIh[i]!.Gradients);
                    VectorMath.Add(_biasHh[i]!.Gradients, _columnSums, _biasHh[i]!.Gradients);
                }
                if (needDx)
                    Sgemm.Multiply(false, false, rows, inWidth, gh, dA, gh, _weightIh[i].Values, inWidth, dx, inWidth, accumulate: true);
            }
            StepProfile.End(StepPhase.WeightGradients, products);
            if (needDx) UnmaskInputGradient(l, dx, steps, batch, inWidth);
            if (l > 0 && _dropoutApplied[l - 1])
            {
                ReadOnlySpan<float> mask = _masks[l - 1].AsSpan(0, rows * dh);
                for (int k = 0; k < dx.Length; k++) dx[k] *= mask[k];
            }
            dOutputData = dInput;
            (dInput, dInputOther) = (dInputOther, dInput);
        }
        FinishGradientNorms(steps);
        if (!needInputGradient || _inputProjected) return default;
        var dInputResult = new Activations(dInputOther, steps, batch, InputSize);
        return transpose ? Transposed(dInputResult, ref _batchFirstGradient, toBatchFirst: true) : dInputResult;
    }

    /// <summary>Layer <paramref name="layer"/>'s input as the products read it [T·B, width] (after dropout and variational masks).</summary>
    private float[] LayerInputOf(int layer) =>
        _inputMasked ? _maskedInputs[layer]
        : layer == 0 ? _input.Data
        : _dropoutApplied[layer - 1] ? _dropped[layer - 1] : _layerOutputs[layer - 1];

    /// <summary>dW_ih [GH × in] += dAᵀ · X for layer <paramref name="layer"/>, direction <paramref name="d"/>, on up to <paramref name="threads"/> threads.</summary>
    private void AddInputWeightGradient(int layer, int d, int threads)
    {
        int rows = _steps * _batch, gh = GateCount * HiddenSize, inWidth = layer == 0 ? InputSize : OutputSize;
        Parameter weight = _weightIh[layer * Directions + d];
        Sgemm.Multiply(SgemmKernel.Best, threads, true, false, gh, inWidth, rows, _scratch[d].DA.AsSpan(0, rows * gh), gh,
            LayerInputOf(layer).AsSpan(0, rows * inWidth), inWidth, weight.Gradients, inWidth, accumulate: true);
    }

    /// <summary>
    /// dW_hh [GH × H] += Σ_t dAh_tᵀ · h_prev(t) for layer-direction <paramref name="index"/>: steps
    /// whose previous state is an output row, then the initial state; with recurrent dropout, the
    /// masked states the forward pass kept. On up to <paramref name="threads"/> threads.
    /// </summary>
    private void AddRecurrentWeightGradient(int index, bool reverse, ReadOnlySpan<float> dAh, float[] output, int threads)
    {
        int steps = _steps, batch = _batch, h = HiddenSize, gh = GateCount * h, dh = OutputSize, off = (index % Directions) * h;
        Span<float> gradient = _weightHh[index].Gradients;
        SgemmKernel kernel = SgemmKernel.Best;
        if (RecurrentMasked)
        {
            Sgemm.Multiply(kernel, threads, true, false, gh, h, steps * batch, dAh, gh, _buffers[index].MaskedPrevious, h, gradient, h, accumulate: true);
            return;
        }
        if (steps > 1)
        {
            int firstRowWithPrev = reverse ? 0 : batch;
            int prevRowStart = reverse ? batch : 0;
            Sgemm.Multiply(kernel, threads, true, false, gh, h, (steps - 1) * batch, dAh[(firstRowWithPrev * gh)..], gh,
                output.AsSpan(prevRowStart * dh + off), dh, gradient, h, accumulate: true);
        }
        if (_hasInitialHidden && _masked && reverse)
        {
            AddInitialStateProducts(index, dAh);
        }
        else if (_hasInitialHidden)
        {
            int firstStep = reverse ? steps - 1 : 0;
            Sgemm.Multiply(kernel, threads, true, false, gh, h, batch, dAh.Slice(firstStep * batch * gh, batch * gh), gh,
                _h0.AsSpan(index * batch * h, batch * h), h, gradient, h, accumulate: true);
        }
    }

    /// <summary>
    /// Whether layer <paramref name="layer"/>'s weight-gradient products run as two shares, one
    /// thread each, instead of each product split across the threads in turn: on exactly two
    /// compute threads, an unmasked batch, a layer input that is not a folded embedding
    /// (<paramref name="projected"/>), and shares of at least <see cref="SharedProductsMinWork"/>
    /// multiply-adds each that differ by no more than a quarter. A whole product on one thread
    /// packs each operand once, where a split product packs the shared one in every part: the
    /// pair of dW_ih and dW_hh of char-lstm-medium's second layer ran 2.0× the one-thread time
    /// against 1.85× split. A bidirectional layer shares by direction (each thread both products
    /// of one direction), a one-way layer by product (dW_ih on one thread, dW_hh on the other).
    /// </summary>
    private bool WeightProductsShared(int layer, bool projected)
    {
        if (ComputeThreads.Count != 2 || _masked || projected || ComputeThreads.InsideJob) return false;
        long rows = (long)_steps * _batch, gh = GateCount * HiddenSize, inWidth = layer == 0 ? InputSize : OutputSize;
        long input = gh * inWidth * rows, recurrent = gh * HiddenSize * rows;
        (long a, long b) = Directions == 2 ? (input + recurrent, input + recurrent) : (input, recurrent);
        return Math.Min(a, b) >= SharedProductsMinWork && 4 * Math.Min(a, b) >= 3 * Math.Max(a, b);
    }

    /// <summary>Layers whose weight-gradient products ran as two shares so far (for tests).</summary>
    internal long WeightProductsRanShared { get; private set; }

    /// <summary>Multiply-adds of each share from which a layer's weight-gradient products run as two shares (see <see cref="WeightProductsShared"/>).</summary>
    private const long SharedProductsMinWork = 1L << 24;

    /// <summary>
    /// Share <c>index</c> of a layer's weight-gradient products (see <see cref="WeightProductsShared"/>),
    /// on one thread: each product is computed exactly as when split, so the bits do not change.
    /// </summary>
    private readonly struct WeightProductShares(RecurrentLayer owner, int layer) : IParallelBody
    {
        public void Invoke(int index)
        {
            int rows = owner._steps * owner._batch, gh = owner.GateCount * owner.HiddenSize;
            float[] output = owner._layerOutputs[layer];
            for (int d = 0; d < owner.Directions; d++)
            {
                bool input = owner.Directions == 2 ? d == index : index == 0;
                bool recurrent = owner.Directions == 2 ? d == index : index == 1;
                if (input) owner.AddInputWeightGradient(layer, d, threads: 1);
                if (recurrent)
                    owner.AddRecurrentWeightGradient(layer * owner.Directions + d, d == 1,
                        owner._scratch[d].RecurrentSide(owner.UsesSeparateHiddenGradient).AsSpan(0, rows * gh), output, threads: 1);
            }
        }
    }

    /// <summary>
    /// The two directions' time loops run at once, one thread each, when a layer is bidirectional,
    /// there are two compute threads (or more, but the loop's steps too small to share by hidden
    /// units, see <see cref="FusedSlices"/>), the batch is neither masked nor under recurrent
    /// dropout, no gradient norms are tracked, and a direction's recurrent products have at least
    /// <see cref="DirectionsTogetherMinWork"/> multiply-adds. Each direction then runs its loop step
    /// by step with no barrier (the forward and backward directions of seq2seq-attn's encoder, instead of
    /// a barrier every step between two threads sharing each step). The loops share nothing but
    /// what they read; every value is computed as in the loops run one after the other, and the
    /// products that follow run after both, in direction order, so the bits do not change.
    /// </summary>
    private bool DirectionsTogether(int steps, int batch, int[]? activeRows)
    {
        int threads = ComputeThreads.Count, h = HiddenSize;
        if (Directions != 2 || threads < 2 || activeRows is not null || RecurrentMasked || TrackGradientNorms || ComputeThreads.InsideJob)
            return false;
        long stepWork = (long)batch * GateCount * h * h;
        return (threads == 2 || stepWork < FusedMinWork) && steps * stepWork >= DirectionsTogetherMinWork;
    }

    /// <summary>Multiply-adds of a direction's recurrent products (T·B·G·H·H, about 100 µs on one core) from which its loop runs beside the other's.</summary>
    private const long DirectionsTogetherMinWork = 1L << 24;

    /// <summary>Times the two directions' loops ran at once (for tests).</summary>
    internal long DirectionsRunTogether { get; private set; }

    private void RunDirectionsTogether(DirectionLoops loops)
    {
        DirectionsRunTogether++;
        ComputeThreads.ParallelFor(2, loops);
    }

    /// <summary>Layer <paramref name="layer"/>, direction <paramref name="d"/>: the forward time loop.</summary>
    private void ForwardLoop(int layer, int d, float[] output, int[]? activeRows)
    {
        int i = layer * Directions + d;
        RunForward(new DirectionContext(this, i, d == 1, _steps, _batch, d * HiddenSize, activeRows), _buffers[i], output);
    }

    /// <summary>Layer <paramref name="layer"/>, direction <paramref name="d"/>: the backward time loop, into the direction's scratch.</summary>
    private void BackwardLoop(int layer, int d, float[] output, float[] dOutput, int[]? activeRows)
    {
        int i = layer * Directions + d;
        DirectionScratch scratch = _scratch[d];
        RunBackward(new DirectionContext(this, i, d == 1, _steps, _batch, d * HiddenSize, activeRows), _buffers[i], output,
            dOutput.AsSpan(0, _steps * _batch * OutputSize), scratch.DA, scratch.RecurrentSide(UsesSeparateHiddenGradient));
    }

    /// <summary>Direction d's time loop of one layer, forward or (with the output gradient) backward: the items of <see cref="RunDirectionsTogether"/>.</summary>
    private readonly struct DirectionLoops(RecurrentLayer owner, int layer, float[] output, float[]? dOutput) : IParallelBody
    {
        public void Invoke(int index)
        {
            if (dOutput is null) owner.ForwardLoop(layer, index, output, null);
            else owner.BackwardLoop(layer, index, output, dOutput, null);
        }
    }

    /// <summary>Rows start…end−1 of a [rows × width] matrix set to one row (the folded biases into every step's gates).</summary>
    private readonly struct RowFill(float[] row, float[] matrix, int width) : IRangeBody
    {
        public void Invoke(int start, int end)
        {
            ReadOnlySpan<float> source = row.AsSpan(0, width);
            for (int r = start; r < end; r++) source.CopyTo(matrix.AsSpan(r * width, width));
        }
    }
}
