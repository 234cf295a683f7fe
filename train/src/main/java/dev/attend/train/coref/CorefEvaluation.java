package dev.attend.train.coref;

import dev.attend.train.HeadScores;
import dev.attend.train.TrainingStep;
import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.util.List;

/**
 * The model on a fixed set of sentences: loss and accuracy of the predicted antecedent noun, and for every head the
 * fraction of sentences in which the pronoun's strongest attention weight falls on the antecedent.
 *
 * @param headAntecedentAccuracy [layer][head]
 */
public record CorefEvaluation(double loss, double accuracy, double[][] headAntecedentAccuracy) {

    private static final int BATCH = 100;

    public static CorefEvaluation of(Transformer model, List<CorefExample> examples) {
        int layers = model.config().layers(), heads = model.config().heads(), classes = model.config().classes();
        double lossSum = 0;
        int correct = 0;
        int[][] onAntecedent = new int[layers][heads];
        SoftmaxCrossEntropy crossEntropy = new SoftmaxCrossEntropy();
        for (int from = 0; from < examples.size(); from += BATCH) {
            List<CorefExample> part = examples.subList(from, Math.min(examples.size(), from + BATCH));
            Batch batch = CorefData.batch(part);
            float[] logits = model.forward(batch);
            lossSum += crossEntropy.forward(logits, batch.labels(), classes) * part.size();
            for (int b = 0; b < part.size(); b++) {
                if (TrainingStep.argmax(logits, b * classes, classes) == batch.labels()[b]) correct++;
                CorefExample e = part.get(b);
                int t = batch.tokens();
                for (int l = 0; l < layers; l++) {
                    float[] weights = model.attentionWeights(l, b); // [heads, T, T]
                    for (int h = 0; h < heads; h++) {
                        if (TrainingStep.argmax(weights, (h * t + e.pronoun()) * t, t) == e.antecedent()) onAntecedent[l][h]++;
                    }
                }
            }
        }
        double[][] headAccuracy = new double[layers][heads];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                headAccuracy[l][h] = onAntecedent[l][h] / (double) examples.size();
            }
        }
        return new CorefEvaluation(lossSum / examples.size(), correct / (double) examples.size(), headAccuracy);
    }

    /** The head whose pronoun attention most often lands on the antecedent: {layer, head}. */
    public int[] bestHead() {
        return HeadScores.best(headAntecedentAccuracy);
    }
}
