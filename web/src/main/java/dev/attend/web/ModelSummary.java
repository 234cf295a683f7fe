package dev.attend.web;

import dev.attend.model.AttentionModel;

/** One entry of GET /api/models. */
record ModelSummary(String key, String name, int layers, int heads, int headDim, int hiddenSize, int maxTokens,
                    String pooling, boolean builtIn, String version, String task, String example) {

    static ModelSummary of(ModelSource source, AttentionModel model) {
        var config = model.config();
        return new ModelSummary(source.key(), model.name(), config.numLayers(), config.numHeads(), config.headDim(),
                config.hiddenSize(), model.tokenizer().maxTokens(), model.pooling().name().toLowerCase(), source.builtIn(),
                model.source(), null, null);
    }

    /** A classifier trained here: no pooling; {@code task} and an example sentence of its words. */
    static ModelSummary of(ModelSource source, ClassifierModel model) {
        var config = model.transformer().config();
        return new ModelSummary(source.key(), model.name(), config.layers(), config.heads(), config.hidden() / config.heads(),
                config.hidden(), config.maxPositions(), "none", false, "checkpoint " + source.location(), model.task(),
                model.example());
    }
}
