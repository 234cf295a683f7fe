package dev.attend.train.seq2seq;

import dev.attend.train.layers.Parameter;

import java.util.List;

/** A trainable encoder-decoder: teacher-forced logits with their backward pass, and greedy decoding. */
public interface Seq2SeqModel {

    Seq2SeqConfig config();

    /** Every parameter, in a fixed order (the optimizer's moments and checkpoints follow it). */
    List<Parameter> parameters();

    /** Teacher forcing: the batch → logits [B·T, vocabulary] (batch-major), keeping what backward needs. */
    float[] forward(Seq2SeqBatch batch);

    /** dLogits [B·T, vocabulary]: adds every parameter's gradient. */
    void backward(float[] dLogits);

    /**
     * Greedy decoding from the batch's sources alone (its targets are not read): [B][steps] token ids, each step
     * fed the previous step's most probable token, starting from BOS.
     */
    int[][] greedy(Seq2SeqBatch batch, int steps);
}
