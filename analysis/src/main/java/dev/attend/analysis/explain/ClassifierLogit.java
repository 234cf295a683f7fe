package dev.attend.analysis.explain;

import dev.attend.analysis.aggregate.HeadMean;
import dev.attend.train.layers.Parameter;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;

import java.util.List;

/**
 * Explains a classifier trained here ({@link Transformer}, e.g. the agreement model) on one sequence: y is the logit
 * of the class the model predicts, read at the sequence's read position. Blank-out replaces a token by
 * {@code blankId} (for the agreement model [PAD], whose embedding is never trained: padded keys are masked, so it
 * stays a small random vector — the vocabulary has no [MASK]); the read position itself is neither blanked nor
 * ranked. Gradient × input uses train's backward: for a batch of one sequence the position-embedding table's
 * gradient row t is exactly ∂y/∂e_t (e_t = word[id_t] + position[t], each position used once), and e_t is read
 * from the tables. Changes the model's gradients (zeroed first); not thread-safe.
 */
public final class ClassifierLogit {
    private final Transformer model;
    private final int blankId;
    private final Parameter word, position;

    public ClassifierLogit(Transformer model, int blankId) {
        this.model = model;
        this.blankId = blankId;
        this.word = parameter(model, "embeddings.word_embeddings.weight");
        this.position = parameter(model, "embeddings.position_embeddings.weight");
    }

    /** The explained sequence with the predicted class and its logit. */
    public record Explained(int predicted, double logit, ExplainedSequence sequence) {}

    /** @param ids the tokens' ids; {@code read} the position the classifier reads */
    public Explained explain(List<String> tokens, int[] ids, int read) {
        int n = ids.length;
        float[] logits = model.forward(new Batch(ids, 1, n, new int[] {n}, new int[] {read}, new int[1])); // [1, classes]
        int classes = logits.length, c = 0;
        for (int k = 1; k < classes; k++) if (logits[k] > logits[c]) c = k;
        double y = logits[c];
        int heads = model.config().heads();
        float[][] attention = new float[model.config().layers()][];
        for (int l = 0; l < attention.length; l++) attention[l] = model.attentionWeights(l, 0).clone(); // [heads, n, n]
        double[] gradxinput = gradientTimesInput(ids, c, classes);

        boolean[] scored = new boolean[n];
        int copies = 0;
        for (int j = 0; j < n; j++) if (scored[j] = j != read) copies++;
        int[] blanked = new int[copies * n], lengths = new int[copies], reads = new int[copies];
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (!scored[j]) continue;
            System.arraycopy(ids, 0, blanked, k * n, n);
            blanked[k * n + j] = blankId;
            lengths[k] = n;
            reads[k++] = read;
        }
        float[] blankLogits = model.forward(new Batch(blanked, copies, n, lengths, reads, new int[copies])); // [copies, classes]
        double[] blankout = new double[n];
        k = 0;
        for (int j = 0; j < n; j++) if (scored[j]) blankout[j] = Math.abs(y - blankLogits[k++ * classes + c]);
        double[] readout = new double[n];
        readout[read] = 1;
        return new Explained(c, y, new ExplainedSequence(tokens, scored, readout, HeadMean.of(attention, heads, n), blankout,
                gradxinput));
    }

    /** After a forward of one sequence: ‖∂y/∂e_t ⊙ e_t‖ for y = logit {@code c}. */
    private double[] gradientTimesInput(int[] ids, int c, int classes) {
        model.parameters().forEach(Parameter::zeroGrad);
        float[] dLogits = new float[classes];
        dLogits[c] = 1;
        model.backward(dLogits);
        int n = ids.length, hidden = model.config().hidden();
        float[] e = new float[n * hidden], g = new float[n * hidden]; // [n, C]
        for (int t = 0; t < n; t++) {
            for (int d = 0; d < hidden; d++) {
                e[t * hidden + d] = word.value()[ids[t] * hidden + d] + position.value()[t * hidden + d];
                g[t * hidden + d] = position.grad()[t * hidden + d];
            }
        }
        model.parameters().forEach(Parameter::zeroGrad);
        return GradientTimesInput.norms(e, g, n, hidden);
    }

    private static Parameter parameter(Transformer model, String name) {
        return model.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the model has no parameter " + name));
    }
}
