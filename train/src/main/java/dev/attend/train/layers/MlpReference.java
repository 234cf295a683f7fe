package dev.attend.train.layers;

import java.util.ArrayList;
import java.util.List;

/** The double-precision twin of {@link Mlp}. */
public final class MlpReference {
    private final LinearReference up;
    private final GeluActivationReference gelu = new GeluActivationReference();
    private final LinearReference down;

    public MlpReference(Mlp fast) {
        this.up = new LinearReference(fast.up());
        this.down = new LinearReference(fast.down());
    }

    public List<ReferenceParameter> parameters() {
        List<ReferenceParameter> all = new ArrayList<>(up.parameters());
        all.addAll(down.parameters());
        return all;
    }

    public double[] forward(double[] x, int rows) {
        return down.forward(gelu.forward(up.forward(x, rows)), rows);
    }

    public double[] backward(double[] dy) {
        return up.backward(gelu.backward(down.backward(dy)));
    }
}
