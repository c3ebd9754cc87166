using RnnPlayground.Core.Parameters;

namespace RnnPlayground.Core.Layers;

/// <summary>
/// Stands in for the first layer's input projection in a <see cref="RecurrentLayer"/> (set as its
/// <see cref="RecurrentLayer.InputProjection"/>) when the input is known in a cheaper form than its
/// rows X: for rows of an embedding, X·W_ihᵀ is a gather from the small table E·W_ihᵀ, and the
/// gradients go through the tokens (see <see cref="EmbeddingProjection"/>). Used for full-length
/// batches without input dropout; the layer falls back to its own product otherwise.
/// </summary>
public interface IInputProjection
{
    /// <summary>Adds X·W_ihᵀ into <paramref name="gates"/> [T·B, G·H] for direction <paramref name="direction"/> of the first layer, whose input weights are <paramref name="weightIh"/> [G·H × in].</summary>
    void Forward(int direction, Parameter weightIh, Span<float> gates);

    /// <summary>
    /// From that direction's pre-activation gradient <paramref name="dA"/> [T·B, G·H]: adds dAᵀ·X into
    /// the weights' gradient and takes dLoss/dX = dA·W_ih where the input came from (the layer returns no input gradient).
    /// </summary>
    void Backward(int direction, Parameter weightIh, ReadOnlySpan<float> dA);
}
