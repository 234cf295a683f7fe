package dev.attend.model.bert;

/** A linear layer y = x · W + b with W stored row-major as [in, out] (ONNX MatMul convention). */
public record DenseWeights(float[] weight, float[] bias, int in, int out) {

    public DenseWeights {
        if (weight.length != in * out || bias.length != out) {
            throw new IllegalArgumentException("dense weights: expected W [" + in + ", " + out + "] and b [" + out
                    + "], got " + weight.length + " and " + bias.length + " values");
        }
    }
}
