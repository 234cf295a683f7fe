package dev.attend.model.bert;

import java.util.List;

/** Every weight of a BERT-family encoder in plain float arrays, whatever file it came from. */
public record BertWeights(BertConfig config, EmbeddingWeights embeddings, List<LayerWeights> layers) {

    public BertWeights {
        layers = List.copyOf(layers);
        if (layers.size() != config.numLayers()) {
            throw new IllegalArgumentException("config says " + config.numLayers() + " layers, weights have " + layers.size());
        }
    }
}
