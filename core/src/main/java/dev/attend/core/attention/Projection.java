package dev.attend.core.attention;

import dev.attend.core.Epilogue;
import dev.attend.core.Gemm;
import dev.attend.core.MatrixView;
import dev.attend.core.PackedMatrix;

/** A packed linear map y = x · W + b (bias may be null). */
public record Projection(PackedMatrix weight, float[] bias) {

    public Projection {
        if (bias != null && bias.length != weight.cols()) {
            throw new IllegalArgumentException("bias has " + bias.length + " entries for " + weight.cols() + " outputs");
        }
    }

    /** Side by side: [in, a] and [in, b] become one [in, a + b] map, so one GEMM reads x once for all of them. */
    public static Projection concat(MatrixView[] weights, float[][] biases) {
        int in = weights[0].rows();
        int width = 0;
        for (MatrixView w : weights) {
            if (w.rows() != in) {
                throw new IllegalArgumentException("projections to concatenate differ in input size: " + w.rows() + " vs " + in);
            }
            width += w.cols();
        }
        float[] joined = new float[in * width]; // [in, width]
        float[] bias = new float[width];
        int col = 0;
        for (int p = 0; p < weights.length; p++) {
            MatrixView w = weights[p];
            for (int r = 0; r < in; r++) {
                System.arraycopy(w.data(), w.offset() + r * w.stride(), joined, r * width + col, w.cols());
            }
            if (biases[p] != null) {
                System.arraycopy(biases[p], 0, bias, col, w.cols());
            }
            col += w.cols();
        }
        return new Projection(PackedMatrix.pack(MatrixView.of(joined, in, width), false), bias);
    }

    public int in() {
        return weight.rows();
    }

    public int out() {
        return weight.cols();
    }

    /** y [rows, out] = x [rows, in] · W + b, with the epilogue's activation. */
    public void apply(float[] x, int rows, float[] y, Epilogue.Activation activation) {
        Gemm.multiply(MatrixView.of(x, rows, in()), weight, MatrixView.of(y, rows, out()), new Epilogue(bias, activation));
    }
}
