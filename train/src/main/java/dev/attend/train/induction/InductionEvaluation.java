package dev.attend.train.induction;

import dev.attend.train.TrainingStep;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.util.List;

/**
 * The model on fixed sequences: next-token loss and accuracy over every position and over the repeated segment's
 * predictable positions, and two scores per head (Olsson et al. 2022):
 * <ul>
 *   <li>previous-token score: the mean attention weight from position t to t − 1 (t ≥ 1);</li>
 *   <li>prefix-matching score: over the second copy's predictable positions, the mean weight on the token after the
 *       earlier occurrence of the current token (where an induction head looks).</li>
 * </ul>
 *
 * @param previousToken  [layer][head]
 * @param prefixMatching [layer][head]
 */
public record InductionEvaluation(double loss, double accuracy, double repeatedLoss, double repeatedAccuracy,
                                  double[][] previousToken, double[][] prefixMatching) {

    private static final int BATCH = 32;

    public static InductionEvaluation of(Transformer model, List<InductionExample> examples) {
        int layers = model.config().layers(), heads = model.config().heads(), vocabulary = model.config().classes();
        double lossSum = 0, repeatedLossSum = 0;
        long counted = 0, correct = 0, repeated = 0, repeatedCorrect = 0, previousCount = 0, prefixCount = 0;
        double[][] previous = new double[layers][heads], prefix = new double[layers][heads];
        for (int from = 0; from < examples.size(); from += BATCH) {
            List<InductionExample> part = examples.subList(from, Math.min(examples.size(), from + BATCH));
            Batch batch = InductionData.batch(part);
            float[] logits = model.forward(batch); // [B·T, vocabulary]
            int t = batch.tokens();
            for (int b = 0; b < part.size(); b++) {
                InductionExample e = part.get(b);
                for (int i = 0; i + 1 < t; i++) {
                    int row = b * t + i, target = batch.labels()[row];
                    double loss = -logSoftmax(logits, row * vocabulary, vocabulary, target);
                    boolean right = TrainingStep.argmax(logits, row * vocabulary, vocabulary) == target;
                    lossSum += loss;
                    counted++;
                    if (right) correct++;
                    if (e.predictable(i)) {
                        repeatedLossSum += loss;
                        repeated++;
                        if (right) repeatedCorrect++;
                    }
                }
                for (int l = 0; l < layers; l++) {
                    float[] w = model.attentionWeights(l, b); // [heads, T, T]
                    for (int h = 0; h < heads; h++) {
                        for (int i = 1; i < t; i++) previous[l][h] += w[(h * t + i) * t + i - 1];
                        for (int i = 0; i < t; i++) {
                            if (e.predictable(i)) prefix[l][h] += w[(h * t + i) * t + e.source(i)];
                        }
                    }
                }
                previousCount += t - 1;
                prefixCount += e.length() - 1;
            }
        }
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                previous[l][h] /= previousCount;
                prefix[l][h] /= prefixCount;
            }
        }
        return new InductionEvaluation(lossSum / counted, correct / (double) counted, repeatedLossSum / repeated,
                repeatedCorrect / (double) repeated, previous, prefix);
    }

    /** log softmax(x[offset, offset + n))[target], in double. */
    private static double logSoftmax(float[] x, int offset, int n, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) max = Math.max(max, x[offset + i]);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(x[offset + i] - max);
        return x[offset + target] - max - Math.log(sum);
    }

    /** The largest score of layer l. */
    public static double bestOf(double[][] scores, int l) {
        double best = Double.NEGATIVE_INFINITY;
        for (double s : scores[l]) best = Math.max(best, s);
        return best;
    }
}
