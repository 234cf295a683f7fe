package dev.attend.model.hf;

import java.util.Map;

/**
 * Why a Hugging Face {@code model_type} other than bert cannot be read as BERT yet: loading its weights into
 * the BERT encoder would run, but compute something else than the model does.
 */
final class UnsupportedModelTypes {
    private UnsupportedModelTypes() {}

    private static final String ROBERTA = "its position ids start after the padding index (offset 2), which the BERT"
            + " encoder does not do";

    private static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("roberta", ROBERTA),
            Map.entry("xlm-roberta", ROBERTA),
            Map.entry("camembert", ROBERTA),
            Map.entry("distilbert", "its weights are named differently (transformer.layer.N.attention.q_lin) and it"
                    + " has no token types"),
            Map.entry("electra", "its embeddings may be smaller than the hidden size and are projected up"),
            Map.entry("albert", "it shares one layer's weights across all layers and factorises its embeddings"),
            Map.entry("deberta", "its attention adds disentangled relative-position terms"),
            Map.entry("deberta-v2", "its attention adds disentangled relative-position terms"),
            Map.entry("mpnet", "its attention adds a relative-position bias"),
            Map.entry("nomic_bert", "it uses rotary position embeddings and a gated feed-forward"),
            Map.entry("modernbert", "it uses rotary position embeddings, local attention and a gated feed-forward"));

    /** The message for a config.json whose model_type is not bert. */
    static String message(String modelType) {
        String reason = REASONS.getOrDefault(modelType, "attend knows only the BERT architecture so far");
        return "model_type \"" + modelType + "\" is not supported yet: " + reason
                + "; attend reads Hugging Face folders of model_type \"bert\"";
    }
}
