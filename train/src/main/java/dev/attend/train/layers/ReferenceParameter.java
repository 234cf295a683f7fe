package dev.attend.train.layers;

/** The double-precision twin of a {@link Parameter}: same name and shape, values widened, its own gradient. */
public record ReferenceParameter(String name, int[] shape, double[] value, double[] grad) {

    public static ReferenceParameter of(Parameter p) {
        double[] value = new double[p.size()];
        for (int i = 0; i < value.length; i++) {
            value[i] = p.value()[i];
        }
        return new ReferenceParameter(p.name(), p.shape().clone(), value, new double[value.length]);
    }
}
