package dev.attend.core;

/**
 * What a GEMM does to each output row as it stores it: add a bias (may be null; else one entry per output
 * column), then an activation. The kernel applies it to each tile while the tile is still in cache.
 */
public record Epilogue(float[] bias, Activation activation) {

    public enum Activation { NONE, GELU }

    public static final Epilogue NONE = new Epilogue(null, Activation.NONE);

    public Epilogue {
        if (activation == null) {
            throw new IllegalArgumentException("activation must not be null (use Activation.NONE)");
        }
    }

    public static Epilogue bias(float[] bias) {
        return new Epilogue(bias, Activation.NONE);
    }

    public static Epilogue biasGelu(float[] bias) {
        return new Epilogue(bias, Activation.GELU);
    }
}
