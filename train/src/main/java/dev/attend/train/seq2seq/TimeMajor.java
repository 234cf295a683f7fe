package dev.attend.train.seq2seq;

/**
 * Reorders [outer, inner, width] into [inner, outer, width]: batch-major rows (b·T + t) to time-major rows (t·B + b)
 * and back. The recurrent layers walk time-major sequences, whose every step is a contiguous [B, width] block.
 */
public final class TimeMajor {
    private TimeMajor() {}

    public static float[] swap(float[] x, int outer, int inner, int width) {
        float[] y = new float[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                System.arraycopy(x, (o * inner + i) * width, y, (i * outer + o) * width, width);
            }
        }
        return y;
    }

    public static double[] swap(double[] x, int outer, int inner, int width) {
        double[] y = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                System.arraycopy(x, (o * inner + i) * width, y, (i * outer + o) * width, width);
            }
        }
        return y;
    }

    public static int[] swap(int[] x, int outer, int inner) {
        int[] y = new int[x.length];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                y[i * outer + o] = x[o * inner + i];
            }
        }
        return y;
    }
}
