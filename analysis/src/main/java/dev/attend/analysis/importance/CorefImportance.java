package dev.attend.analysis.importance;

import dev.attend.train.coref.CorefData;
import dev.attend.train.coref.CorefExample;
import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * Head importance of a pronoun-resolution model trained here under its own task loss, per example as Michel et al.
 * define it: I_h = mean over examples x of |∂ℓ_x/∂ξ_h|, ℓ_x the cross-entropy of x. A batch of B runs at once; the
 * loss is the batch mean and each item's ξ-gradient is taken along its own path, so B times it is ∂ℓ_x/∂ξ.
 */
public final class CorefImportance {
    private CorefImportance() {}

    public static HeadImportance compute(Transformer model, List<CorefExample> examples, int batch, IntConsumer progress) {
        int layers = model.config().layers(), heads = model.config().heads();
        double[][] sum = new double[layers][heads];
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        model.setHeadMask(null);
        for (int from = 0; from < examples.size(); from += batch) {
            Batch b = CorefData.batch(examples.subList(from, Math.min(examples.size(), from + batch)));
            loss.forward(model.forward(b), b.labels(), model.config().classes());
            model.backward(loss.backward());
            float[][] g = model.headMaskGradients(); // [layers][B·heads]
            for (int l = 0; l < layers; l++) {
                for (int i = 0; i < g[l].length; i++) sum[l][i % heads] += Math.abs((double) g[l][i] * b.size());
            }
            progress.accept(Math.min(examples.size(), from + batch));
        }
        return HeadImportance.of(sum, examples.size(), "task cross-entropy (coref), per example");
    }
}
