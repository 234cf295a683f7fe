package dev.attend.web;

import dev.attend.model.AttentionModel;

/** One entry of GET /api/models. */
record ModelSummary(String key, String name, int layers, int heads, int headDim, int hiddenSize, int maxTokens,
                    String pooling, boolean builtIn, String version) {

    static ModelSummary of(ModelSource source, AttentionModel model) {
        var config = model.config();
        return new ModelSummary(source.key(), model.name(), config.numLayers(), config.numHeads(), config.headDim(),
                config.hiddenSize(), model.tokenizer().maxTokens(), model.pooling().name().toLowerCase(), source.builtIn(),
                model.source());
    }
}
