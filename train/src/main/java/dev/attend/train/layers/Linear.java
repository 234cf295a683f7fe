package dev.attend.train.layers;

import dev.attend.core.Epilogue;
import dev.attend.core.Gemm;
import dev.attend.core.MatrixView;
import dev.attend.core.PackedMatrix;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * y = x · Wᵀ + b with W stored [out, in] as Hugging Face (PyTorch) stores it. Forward keeps x for backward.
 * All products run on the core GEMM: forward packs Wᵀ and adds the bias in the store, backward uses the plain
 * entry point with transposes and accumulation.
 */
public final class Linear {
    private final Parameter weight; // [out, in]
    private final Parameter bias;   // [out]
    private final int in;
    private final int out;
    private float[] x;              // [rows, in], from the last forward
    private int rows;

    public Linear(String name, int in, int out, RandomGenerator random, double std) {
        this.in = in;
        this.out = out;
        this.weight = Parameter.matrix(name + ".weight", out, in, random, std);
        this.bias = Parameter.vector(name + ".bias", out, 0f);
    }

    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** x [rows, in] → y [rows, out]. */
    public float[] forward(float[] x, int rows) {
        this.x = x;
        this.rows = rows;
        float[] y = new float[rows * out]; // [rows, out]
        PackedMatrix wT = PackedMatrix.pack(MatrixView.of(weight.value(), out, in), true); // Wᵀ [in, out]
        Gemm.multiply(MatrixView.of(x, rows, in), wT, MatrixView.of(y, rows, out), Epilogue.bias(bias.value()));
        return y;
    }

    /** dy [rows, out] → dx [rows, in]; adds dW += dyᵀ · x and db += Σ_rows dy. */
    public float[] backward(float[] dy) {
        MatrixView dyView = MatrixView.of(dy, rows, out);
        Gemm.multiply(dyView, true, MatrixView.of(x, rows, in), false, MatrixView.of(weight.grad(), out, in), true);
        float[] db = bias.grad();
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                db[o] += dy[r * out + o];
            }
        }
        float[] dx = new float[rows * in]; // [rows, in]
        Gemm.multiply(dyView, false, MatrixView.of(weight.value(), out, in), false, MatrixView.of(dx, rows, in), false);
        return dx;
    }
}
