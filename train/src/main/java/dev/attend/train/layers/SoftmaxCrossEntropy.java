package dev.attend.train.layers;

import dev.attend.core.Softmax;

/**
 * Mean cross-entropy of softmax(logits) against target classes over the rows whose target is not
 * {@link #IGNORE}: loss = −mean log p[target]. Probabilities come from core {@link Softmax}; the loss itself is
 * taken as log Σ exp(l − max) − (l_target − max) in double so that it stays finite when p[target] underflows.
 * Backward: dlogits = (p − onehot(target)) / counted rows, 0 on ignored rows.
 */
public final class SoftmaxCrossEntropy {
    public static final int IGNORE = -1;

    private float[] probabilities; // [rows, classes]
    private int[] targets;         // [rows]
    private int classes;
    private int counted;

    /** logits [rows, classes], targets [rows] (class index or {@link #IGNORE}) → the mean loss (NaN if none counted). */
    public double forward(float[] logits, int[] targets, int classes) {
        int rows = targets.length;
        this.targets = targets;
        this.classes = classes;
        this.probabilities = logits.clone();
        Softmax.rows(probabilities, 0, rows, classes, classes);
        double total = 0;
        counted = 0;
        for (int r = 0; r < rows; r++) {
            int t = targets[r];
            if (t == IGNORE) continue;
            if (t < 0 || t >= classes) {
                throw new IllegalArgumentException("target " + t + " of row " + r + " is not one of " + classes + " classes");
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[r * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[r * classes + c] - max);
            }
            total += Math.log(sum) - (logits[r * classes + t] - max);
            counted++;
        }
        return total / counted;
    }

    /** [rows, classes] from the last forward. */
    public float[] probabilities() {
        return probabilities;
    }

    public float[] backward() {
        float[] dLogits = new float[probabilities.length]; // [rows, classes]
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] == IGNORE) continue;
            for (int c = 0; c < classes; c++) {
                float oneHot = c == targets[r] ? 1f : 0f;
                dLogits[r * classes + c] = (probabilities[r * classes + c] - oneHot) / counted;
            }
        }
        return dLogits;
    }
}
