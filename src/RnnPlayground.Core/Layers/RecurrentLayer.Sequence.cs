using RnnPlayground.Core.Tensors;

namespace RnnPlayground.Core.Layers;

// The whole-sequence passes: Forward over every layer and direction (with dropout between layers
// while training), Backward as the same loops run in reverse, adding into the parameter gradients.
public abstract partial class RecurrentLayer
{
    public override Activations Forward(in Activations input, bool training)
    {
        CheckWidth(input, InputSize);
        int steps = input.Steps, batch = input.Batch;
        if (steps < 1 || batch < 1) throw new ArgumentException($"{Kind}: input {input} must have at least one step and one sample", nameof(input));
        int stateLength = StateCount * batch * HiddenSize;
        _hasInitialHidden = CheckState(InitialHidden, stateLength, nameof(InitialHidden), batch);
        _hasInitialCell = HasCellState && CheckState(InitialCell, stateLength, nameof(InitialCell), batch);
        if (training && Dropout > 0f && NumLayers > 1 && Random is null)
            throw new InvalidOperationException($"{Kind}: dropout {Dropout} needs a random source (set Random) while training");
        EnsureCapacity(steps, batch);
        _steps = steps;
        _batch = batch;
        _input = BatchFirst ? Transposed(input, ref _timeMajorInput, toBatchFirst: false) : input;

        int rows = steps * batch, h = HiddenSize, gh = GateCount * h, dh = OutputSize;
        ReadOnlySpan<float> layerInput = _input.Data.AsSpan(0, rows * InputSize);
        int inWidth = InputSize;
        for (int l = 0; l < NumLayers; l++)
        {
            float[] output = _layerOutputs[l];
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                DirectionBuffers buf = _buffers[i];
                Span<float> gates = buf.Gates.AsSpan(0, rows * gh);
                FoldBias(_biasIh[i], _biasHh[i], _foldedBias);
                for (int r = 0; r < rows; r++) _foldedBias.CopyTo(gates.Slice(r * gh, gh));
                Sgemm.Multiply(false, true, rows, gh, inWidth, layerInput, inWidth, _weightIh[i].Values, inWidth, gates, gh, accumulate: true);
                var dir = new DirectionContext(this, i, d == 1, steps, batch, d * h);
                RunForward(dir, buf, output);
                // Final states: the hidden state after the last processed step.
                int lastStep = d == 1 ? 0 : steps - 1;
                for (int b = 0; b < batch; b++)
                {
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
        var result = new Activations(_layerOutputs[NumLayers - 1], steps, batch, dh);
        return BatchFirst ? Transposed(result, ref _batchFirstOutput, toBatchFirst: true) : result;
    }

    public override Activations Backward(in Activations outputGradient, bool needInputGradient)
    {
        if (!_forwardDone) throw new InvalidOperationException($"{Kind}: Backward called before Forward");
        int steps = _steps, batch = _batch, rows = steps * batch, h = HiddenSize, gh = GateCount * h, dh = OutputSize;
        if (outputGradient.Rows != rows || outputGradient.Width != dh)
            throw new ArgumentException($"{Kind}: output gradient {outputGradient} does not match output [{steps}, {batch}, {dh}]", nameof(outputGradient));
        int stateLength = StateCount * batch * h;
        bool hasFinalGrad = CheckState(FinalHiddenGradient, stateLength, nameof(FinalHiddenGradient), batch);
        bool hasFinalCellGrad = HasCellState && CheckState(FinalCellGradient, stateLength, nameof(FinalCellGradient), batch);
        BeginGradientNorms(steps);

        ReadOnlySpan<float> dOutput = (BatchFirst ? Transposed(outputGradient, ref _timeMajorGradient, toBatchFirst: false) : outputGradient).Data.AsSpan(0, rows * dh);
        float[] dInput = _dInputA, dInputOther = _dInputB;
        for (int l = NumLayers - 1; l >= 0; l--)
        {
            int inWidth = l == 0 ? InputSize : dh;
            ReadOnlySpan<float> layerInput = l == 0 ? _input.Data.AsSpan(0, rows * InputSize)
                : (_dropoutApplied[l - 1] ? _dropped[l - 1] : _layerOutputs[l - 1]).AsSpan(0, rows * dh);
            bool needDx = l > 0 || needInputGradient;
            Span<float> dx = dInput.AsSpan(0, rows * inWidth);
            if (needDx) dx.Clear();
            float[] output = _layerOutputs[l];
            for (int d = 0; d < Directions; d++)
            {
                int i = l * Directions + d;
                bool reverse = d == 1;
                var dir = new DirectionContext(this, i, reverse, steps, batch, d * h);
                Span<float> dHidden = _dHidden.AsSpan(0, batch * h);
                Span<float> dCell = _dCell.AsSpan(0, batch * h);
                if (hasFinalGrad) FinalHiddenGradient.AsSpan(i * batch * h, batch * h).CopyTo(dHidden); else dHidden.Clear();
                if (HasCellState)
                {
                    if (hasFinalCellGrad) FinalCellGradient.AsSpan(i * batch * h, batch * h).CopyTo(dCell); else dCell.Clear();
                }
                float[] dAh = UsesSeparateHiddenGradient ? _dAh : _dA;
                RunBackward(dir, _buffers[i], output, dOutput, _dA, dAh);
                dHidden.CopyTo(_initialHiddenGradient.AsSpan(i * batch * h, batch * h));
                if (HasCellState) dCell.CopyTo(_initialCellGradient.AsSpan(i * batch * h, batch * h));

                ReadOnlySpan<float> dA = _dA.AsSpan(0, rows * gh);
                ReadOnlySpan<float> dAhSpan = dAh.AsSpan(0, rows * gh);
                // dW_ih [GH × in] += dAᵀ · X
                Sgemm.Multiply(true, false, gh, inWidth, rows, dA, gh, layerInput, inWidth, _weightIh[i].Gradients, inWidth, accumulate: true);
                // dW_hh [GH × H] += Σ_t dAh_tᵀ · h_prev(t): steps whose previous state is an output row, then the initial state.
                if (steps > 1)
                {
                    int firstRowWithPrev = reverse ? 0 : batch;
                    int prevRowStart = reverse ? batch : 0;
                    Sgemm.Multiply(true, false, gh, h, (steps - 1) * batch,
                        dAhSpan[(firstRowWithPrev * gh)..], gh, output.AsSpan(prevRowStart * dh + d * h), dh,
                        _weightHh[i].Gradients, h, accumulate: true);
                }
                if (_hasInitialHidden)
                {
                    int firstStep = reverse ? steps - 1 : 0;
                    Sgemm.Multiply(true, false, gh, h, batch, dAhSpan.Slice(firstStep * batch * gh, batch * gh), gh,
                        InitialHidden.AsSpan(i * batch * h, batch * h), h, _weightHh[i].Gradients, h, accumulate: true);
                }
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
            if (l > 0 && _dropoutApplied[l - 1])
            {
                ReadOnlySpan<float> mask = _masks[l - 1].AsSpan(0, rows * dh);
                for (int k = 0; k < dx.Length; k++) dx[k] *= mask[k];
            }
            dOutput = dx;
            (dInput, dInputOther) = (dInputOther, dInput);
        }
        FinishGradientNorms(steps);
        if (!needInputGradient) return default;
        var dInputResult = new Activations(dInputOther, steps, batch, InputSize);
        return BatchFirst ? Transposed(dInputResult, ref _batchFirstGradient, toBatchFirst: true) : dInputResult;
    }
}
