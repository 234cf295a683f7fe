package dev.attend.train.seq2seq;

import dev.attend.train.layers.SoftmaxCrossEntropy;

/**
 * A batch of source → target pairs, batch-major and padded: source ids [B, S] with each source's length (positions
 * from there on are padding), the decoder's input [B, T] (BOS, then the target shifted right: teacher forcing) and
 * the targets [B, T] (the target tokens, then EOS, then {@link SoftmaxCrossEntropy#IGNORE}).
 */
public record Seq2SeqBatch(int size, int[] source, int sourceTokens, int[] sourceLengths, int[] decoderInput,
                           int[] targets, int targetTokens) {

    public Seq2SeqBatch {
        if (source.length != size * sourceTokens || sourceLengths.length != size || decoderInput.length != size * targetTokens
                || targets.length != size * targetTokens) {
            throw new IllegalArgumentException("batch of " + size + " × (" + sourceTokens + " → " + targetTokens + ") has "
                    + source.length + " source ids, " + sourceLengths.length + " lengths, " + decoderInput.length
                    + " decoder inputs, " + targets.length + " targets");
        }
        for (int b = 0; b < size; b++) {
            if (sourceLengths[b] < 1 || sourceLengths[b] > sourceTokens) {
                throw new IllegalArgumentException("source " + b + " has length " + sourceLengths[b] + " of " + sourceTokens);
            }
        }
    }
}
