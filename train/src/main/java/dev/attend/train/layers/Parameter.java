package dev.attend.train.layers;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A trainable tensor: its Hugging Face-style name (e.g. {@code encoder.layer.0.attention.self.query.weight}), its
 * shape, its values (row-major) and the gradient that backward passes add into. {@code decays} says whether AdamW's
 * weight decay applies (matrices of linear maps; not biases, norms or embedding tables).
 */
public record Parameter(String name, int[] shape, float[] value, float[] grad, boolean decays) {

    public Parameter {
        if (value.length != elements(shape) || grad.length != value.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " does not hold "
                    + value.length + " values and " + grad.length + " gradients");
        }
    }

    /** A linear map's weight [rows, cols], normal(0, std), decayed. */
    public static Parameter matrix(String name, int rows, int cols, RandomGenerator random, double std) {
        return new Parameter(name, new int[] {rows, cols}, normal(rows * cols, random, std), new float[rows * cols], true);
    }

    /** An embedding table [rows, cols], normal(0, std), not decayed. */
    public static Parameter table(String name, int rows, int cols, RandomGenerator random, double std) {
        return new Parameter(name, new int[] {rows, cols}, normal(rows * cols, random, std), new float[rows * cols], false);
    }

    /** A bias or norm vector [size] filled with {@code fill}, not decayed. */
    public static Parameter vector(String name, int size, float fill) {
        float[] value = new float[size];
        Arrays.fill(value, fill);
        return new Parameter(name, new int[] {size}, value, new float[size], false);
    }

    public int size() {
        return value.length;
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    private static float[] normal(int n, RandomGenerator random, double std) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }

    static int elements(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
