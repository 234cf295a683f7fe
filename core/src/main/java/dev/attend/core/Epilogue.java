package dev.attend.core;

/** What a GEMM does to each output row as it stores it: add a bias (may be null), then an activation. */
public record Epilogue(float[] bias, Activation activation) {

    public enum Activation { NONE, GELU }

    public static final Epilogue NONE = new Epilogue(null, Activation.NONE);

    public static Epilogue bias(float[] bias) {
        return new Epilogue(bias, Activation.NONE);
    }

    public static Epilogue biasGelu(float[] bias) {
        return new Epilogue(bias, Activation.GELU);
    }

    void apply(MatrixView y) {
        for (int r = 0; r < y.rows(); r++) {
            int row = y.offset() + r * y.stride();
            if (bias != null) {
                for (int c = 0; c < y.cols(); c++) {
                    y.data()[row + c] += bias[c];
                }
            }
            if (activation == Activation.GELU) {
                Gelu.apply(y.data(), row, y.cols());
            }
        }
    }
}
