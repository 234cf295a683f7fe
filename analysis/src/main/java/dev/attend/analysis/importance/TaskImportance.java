package dev.attend.analysis.importance;

import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Head importance of a classifier trained here (coref, agreement) under its own task loss, per example as Michel
 * et al. define it: I_h = mean over examples x of |∂ℓ_x/∂ξ_h|, ℓ_x the cross-entropy of x. The batches read one
 * position per example; a batch's loss is the mean over its examples and each item's ξ-gradient is taken along its
 * own path, so B times it is ∂ℓ_x/∂ξ.
 */
public final class TaskImportance {
    private TaskImportance() {}

    /** {@code progress} receives the number of examples done. */
    public static HeadImportance compute(Transformer model, List<Batch> batches, String task, IntConsumer progress) {
        int layers = model.config().layers(), heads = model.config().heads(), examples = 0;
        double[][] sum = new double[layers][heads];
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        model.setHeadMask(null);
        for (Batch b : batches) {
            if (b.reads() != 1) throw new IllegalArgumentException("importance per example needs one read per example");
            loss.forward(model.forward(b), b.labels(), model.config().classes());
            model.backward(loss.backward());
            float[][] g = model.headMaskGradients(); // [layers][B·heads]
            for (int l = 0; l < layers; l++) {
                for (int i = 0; i < g[l].length; i++) sum[l][i % heads] += Math.abs((double) g[l][i] * b.size());
            }
            examples += b.size();
            progress.accept(examples);
        }
        return HeadImportance.of(sum, examples, "task cross-entropy (" + task + "), per example");
    }
}
