package dev.attend.core;

import java.util.Random;

/** Seeded random test data. */
final class TestData {
    private TestData() {}

    static float[] uniform(Random random, int length, float low, float high) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = low + (high - low) * random.nextFloat();
        }
        return a;
    }

    static float[] gaussian(Random random, int length, double mean, double std) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) {
            a[i] = (float) (mean + std * random.nextGaussian());
        }
        return a;
    }
}
