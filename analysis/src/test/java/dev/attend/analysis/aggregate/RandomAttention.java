package dev.attend.analysis.aggregate;

import java.util.Random;

/** Head-averaged attention as a model would give it: [layers][n][n], non-negative rows that sum to 1. */
final class RandomAttention {
    private RandomAttention() {}

    static double[][][] of(Random random, int layers, int n) {
        double[][][] a = new double[layers][n][n];
        for (double[][] layer : a) {
            for (double[] row : layer) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    row[j] = Math.exp(3 * random.nextGaussian());
                    sum += row[j];
                }
                for (int j = 0; j < n; j++) row[j] /= sum;
            }
        }
        return a;
    }
}
