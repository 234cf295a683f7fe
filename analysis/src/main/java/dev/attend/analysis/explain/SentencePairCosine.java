package dev.attend.analysis.explain;

import dev.attend.analysis.aggregate.AttentionFlow;
import dev.attend.analysis.aggregate.HeadMean;
import dev.attend.model.AttentionModel;
import dev.attend.model.AttentionTrace;
import dev.attend.model.Capture;
import dev.attend.model.ModelException;
import dev.attend.model.SentenceEmbeddings;
import dev.attend.model.registry.Pooling;
import dev.attend.model.tokenize.TokenizedText;
import dev.attend.train.bert.BertNetwork;
import dev.attend.train.bert.InputGradients;

import java.util.ArrayList;
import java.util.List;

/**
 * "Which tokens make these two sentences similar": y = cos(embed(A), embed(B)), each sentence encoded on its
 * own with the model's pooling (the way a sentence-embedding model is used). Explains both sentences: each gets
 * its own attention (from its own forward pass) and its tokens' blank-out scores |y − y'|, where y' is the cosine
 * after the token is replaced by [MASK] (same length, same positions), and gradient × input ‖∂y/∂e_j ⊙ e_j‖₂ through
 * train's {@link BertNetwork} (a copy of the weights with a backward pass). The blanked copies of both sentences
 * run as one batch. Not thread-safe (the network keeps its forward for the backward): one per thread.
 */
public final class SentencePairCosine {
    private final AttentionModel model;
    private final int maskId;
    private final BertNetwork network;

    public SentencePairCosine(AttentionModel model) {
        this.model = model;
        TokenizedText mask = model.tokenizer().encode("[MASK]");
        if (mask.size() != 3 || !mask.tokens().get(1).equals("[MASK]")) {
            throw new ModelException(model.name() + " has no [MASK] token; blank-out needs one");
        }
        this.maskId = mask.ids()[1];
        this.network = BertNetwork.of(model.weights());
    }

    /** The cosine of the two sentences and both explained sequences (A first). */
    public record Explained(double cosine, ExplainedSequence first, ExplainedSequence second) {}

    /** Refuses a pair whose attention flow would cost more than {@link AttentionFlow#MAX_WORK}, without running it. */
    public void check(String a, String b) {
        check(model.tokenizer().encode(a), model.tokenizer().encode(b));
    }

    private void check(TokenizedText ta, TokenizedText tb) {
        int n = Math.max(ta.size(), tb.size());
        AttentionFlow.check(model.config().numLayers(), n, model.pooling() == Pooling.CLS ? 1 : n);
    }

    public Explained explain(String a, String b) {
        TokenizedText ta = model.tokenizer().encode(a), tb = model.tokenizer().encode(b);
        check(ta, tb); // before any work
        List<TokenizedText> batch = new ArrayList<>(List.of(ta, tb));
        batch.addAll(blanked(ta));
        batch.addAll(blanked(tb));
        List<AttentionTrace> originals = model.traceBatch(batch.subList(0, 2), Capture.attention());
        List<AttentionTrace> copies = model.traceBatch(batch.subList(2, batch.size()), Capture.none());
        float[] ea = embedding(originals.get(0)), eb = embedding(originals.get(1));
        double y = dot(ea, eb);
        double[] blankA = new double[ta.size()], blankB = new double[tb.size()];
        int k = 0;
        for (int j = 0; j < ta.size(); j++) if (ta.wordIds()[j] >= 0) blankA[j] = Math.abs(y - dot(embedding(copies.get(k++)), eb));
        for (int j = 0; j < tb.size(); j++) if (tb.wordIds()[j] >= 0) blankB[j] = Math.abs(y - dot(ea, embedding(copies.get(k++))));
        InputGradients.Pair gradients = InputGradients.cosine(network, model.pooling(), ta, tb);
        return new Explained(y, sequence(originals.get(0), blankA, GradientTimesInput.norms(gradients.first())),
                sequence(originals.get(1), blankB, GradientTimesInput.norms(gradients.second())));
    }

    /** One copy per word piece (special tokens are not blanked), the piece replaced by [MASK]. */
    private List<TokenizedText> blanked(TokenizedText t) {
        List<TokenizedText> out = new ArrayList<>();
        for (int j = 0; j < t.size(); j++) {
            if (t.wordIds()[j] < 0) continue;
            int[] ids = t.ids().clone();
            ids[j] = maskId;
            out.add(new TokenizedText(t.texts(), ids, t.typeIds(), t.tokens(), t.charStart(), t.charEnd(), t.wordIds(),
                    t.firstSegmentLength()));
        }
        return out;
    }

    private ExplainedSequence sequence(AttentionTrace trace, double[] blankout, double[] gradientTimesInput) {
        int n = trace.queries();
        boolean[] scored = new boolean[n];
        for (int j = 0; j < n; j++) scored[j] = trace.text().wordIds()[j] >= 0;
        double[] readout = new double[n];
        if (model.pooling() == Pooling.CLS) readout[0] = 1;
        else java.util.Arrays.fill(readout, 1.0 / n);
        return new ExplainedSequence(trace.queryTokens(), scored, readout, HeadMean.of(trace.attention(), trace.heads(), n),
                blankout, gradientTimesInput);
    }

    private float[] embedding(AttentionTrace trace) {
        return SentenceEmbeddings.of(trace, model.pooling());
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int c = 0; c < x.length; c++) s += (double) x[c] * y[c];
        return s;
    }
}
