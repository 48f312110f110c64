// transformers/modeling_outputs.py (BaseModelOutputWithPooling, as CLIPTextModel returns it)

/// What ``CLIPTextModel/forward(inputIds:outputHiddenStates:)`` returns (transformers'
/// `BaseModelOutputWithPooling`, without the pooled output).
public struct CLIPTextModelOutput: Sendable {
    /// `[batch, tokens, hidden]`, after the final layer norm — what the text-to-video pipeline uses.
    public var lastHiddenState: Tensor
    /// With `outputHiddenStates`: the embeddings, then the output of each encoder layer (before the
    /// final layer norm), as transformers' `hidden_states`; empty otherwise.
    public var hiddenStates: [Tensor]
}
