package dev.attend.train.layers;

/** The double-precision twin of {@link SoftmaxCrossEntropy}. */
public final class SoftmaxCrossEntropyReference {
    private double[] probabilities; // [rows, classes]
    private int[] targets;
    private int classes;
    private int counted;

    public double forward(double[] logits, int[] targets, int classes) {
        this.targets = targets;
        this.classes = classes;
        probabilities = new double[logits.length];
        double total = 0;
        counted = 0;
        for (int r = 0; r < targets.length; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[r * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[r * classes + c] - max);
            }
            for (int c = 0; c < classes; c++) {
                probabilities[r * classes + c] = Math.exp(logits[r * classes + c] - max) / sum;
            }
            if (targets[r] != SoftmaxCrossEntropy.IGNORE) {
                total -= Math.log(probabilities[r * classes + targets[r]]);
                counted++;
            }
        }
        return total / counted;
    }

    public double[] backward() {
        double[] dLogits = new double[probabilities.length]; // [rows, classes]
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] == SoftmaxCrossEntropy.IGNORE) continue;
            for (int c = 0; c < classes; c++) {
                dLogits[r * classes + c] = (probabilities[r * classes + c] - (c == targets[r] ? 1 : 0)) / counted;
            }
        }
        return dLogits;
    }
}
