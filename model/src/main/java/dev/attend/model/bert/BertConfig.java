package dev.attend.model.bert;

/** The hyper-parameters of a BERT-family encoder, as a Hugging Face config.json names them. */
public record BertConfig(int vocabSize, int hiddenSize, int numLayers, int numHeads, int intermediateSize,
                         int maxPositions, int typeVocabSize, float layerNormEps) {

    public BertConfig {
        if (numHeads <= 0 || hiddenSize % numHeads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenSize + " is not divisible by " + numHeads + " heads");
        }
    }

    public int headDim() {
        return hiddenSize / numHeads;
    }
}
