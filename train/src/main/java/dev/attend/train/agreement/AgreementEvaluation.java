package dev.attend.train.agreement;

import dev.attend.train.HeadScores;
import dev.attend.train.TrainingStep;
import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.util.List;

/**
 * The model on a fixed set of sentences: loss and accuracy of the verb's number, accuracy per number of attractors,
 * and for every head the fraction of sentences in which the verb slot's strongest attention weight is on the subject.
 *
 * @param byAttractors        [attractors] accuracy (NaN where no sentence has that many)
 * @param attractorCounts     [attractors] sentences
 * @param headSubjectAccuracy [layer][head]
 */
public record AgreementEvaluation(double loss, double accuracy, double[] byAttractors, int[] attractorCounts,
                                  double[][] headSubjectAccuracy) {

    private static final int BATCH = 100;

    public static AgreementEvaluation of(Transformer model, List<AgreementExample> examples) {
        int layers = model.config().layers(), heads = model.config().heads(), classes = model.config().classes();
        int[] counts = new int[AgreementGenerator.MAX_ATTRACTORS + 1], correctBy = new int[counts.length];
        int[][] onSubject = new int[layers][heads];
        double lossSum = 0;
        int correct = 0;
        SoftmaxCrossEntropy crossEntropy = new SoftmaxCrossEntropy();
        for (int from = 0; from < examples.size(); from += BATCH) {
            List<AgreementExample> part = examples.subList(from, Math.min(examples.size(), from + BATCH));
            Batch batch = AgreementData.batch(part);
            float[] logits = model.forward(batch); // [B, 2]
            lossSum += crossEntropy.forward(logits, batch.labels(), classes) * part.size();
            int t = batch.tokens();
            for (int b = 0; b < part.size(); b++) {
                AgreementExample e = part.get(b);
                boolean right = TrainingStep.argmax(logits, b * classes, classes) == e.label();
                counts[e.attractors()]++;
                if (right) {
                    correct++;
                    correctBy[e.attractors()]++;
                }
                for (int l = 0; l < layers; l++) {
                    float[] weights = model.attentionWeights(l, b); // [heads, T, T]
                    for (int h = 0; h < heads; h++) {
                        if (TrainingStep.argmax(weights, (h * t + e.verb()) * t, t) == e.subject()) onSubject[l][h]++;
                    }
                }
            }
        }
        double[] byAttractors = new double[counts.length];
        for (int a = 0; a < counts.length; a++) byAttractors[a] = counts[a] == 0 ? Double.NaN : correctBy[a] / (double) counts[a];
        double[][] headAccuracy = new double[layers][heads];
        for (int l = 0; l < layers; l++) {
            for (int h = 0; h < heads; h++) headAccuracy[l][h] = onSubject[l][h] / (double) examples.size();
        }
        return new AgreementEvaluation(lossSum / examples.size(), correct / (double) examples.size(), byAttractors, counts,
                headAccuracy);
    }

    /** The head whose verb-slot attention most often lands on the subject: {layer, head}. */
    public int[] bestHead() {
        return HeadScores.best(headSubjectAccuracy);
    }
}
