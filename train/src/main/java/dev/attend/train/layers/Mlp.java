package dev.attend.train.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** The feed-forward block: x [rows, hidden] → Linear → GELU [rows, intermediate] → Linear → [rows, hidden]. */
public final class Mlp {
    private final Linear up;
    private final GeluActivation gelu = new GeluActivation();
    private final Linear down;

    /** Named as in Hugging Face BERT: {@code prefix.intermediate.dense}, {@code prefix.output.dense}. */
    public Mlp(String prefix, int hidden, int intermediate, RandomGenerator random, double std) {
        this.up = new Linear(prefix + ".intermediate.dense", hidden, intermediate, random, std);
        this.down = new Linear(prefix + ".output.dense", intermediate, hidden, random, std);
    }

    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(up.parameters());
        all.addAll(down.parameters());
        return all;
    }

    public float[] forward(float[] x, int rows) {
        return down.forward(gelu.forward(up.forward(x, rows)), rows);
    }

    public float[] backward(float[] dy) {
        return up.backward(gelu.backward(down.backward(dy)));
    }

    Linear up() {
        return up;
    }

    Linear down() {
        return down;
    }
}
