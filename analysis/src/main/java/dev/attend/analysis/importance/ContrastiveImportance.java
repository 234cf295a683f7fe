package dev.attend.analysis.importance;

import dev.attend.model.AttentionModel;
import dev.attend.model.InputException;
import dev.attend.model.tokenize.TokenizedText;
import dev.attend.train.bert.BertInput;
import dev.attend.train.bert.BertNetwork;
import dev.attend.train.bert.ContrastiveObjective;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Head importance of a pretrained encoder under the contrastive objective: for each batch of B sentences (anchors)
 * with their copies (positives) and shuffles (hard negatives), 3B texts, one forward and backward through {@link BertNetwork} gives ∂L/∂ξ for every head; I_h is the mean of its
 * absolute value over the batches (a batch is the sample: InfoNCE needs its in-batch negatives).
 */
public final class ContrastiveImportance {
    private ContrastiveImportance() {}

    /** {@code progress} receives the number of sentence pairs done. */
    public static HeadImportance compute(AttentionModel model, List<SentencePairs.Pair> pairs, int batch,
                                         double temperature, IntConsumer progress) {
        BertNetwork network = BertNetwork.of(model.weights());
        List<List<SentencePairs.Pair>> groups = SentencePairs.groups(pairs, batch);
        double[][] sum = new double[model.config().numLayers()][model.config().numHeads()];
        int done = 0;
        for (List<SentencePairs.Pair> group : groups) {
            BertInput input = BertInput.of(encode(model, group));
            double[][] g = ContrastiveObjective.compute(network, input, group.size(), model.pooling(), temperature)
                    .headMaskGradient();
            for (int l = 0; l < sum.length; l++) {
                for (int h = 0; h < sum[l].length; h++) sum[l][h] += Math.abs(g[l][h]);
            }
            done += group.size();
            progress.accept(done);
        }
        return HeadImportance.of(sum, groups.size(), "contrastive (InfoNCE, τ = " + temperature + ")");
    }

    /** The group's texts, their copies, then their shuffles, tokenized; a text over the model's limit is refused. */
    static List<TokenizedText> encode(AttentionModel model, List<SentencePairs.Pair> group) {
        List<TokenizedText> texts = new ArrayList<>();
        for (int part = 0; part < 3; part++) {
            for (SentencePairs.Pair p : group) {
                TokenizedText t = model.tokenizer().encode(part == 0 ? p.text() : part == 1 ? p.copy() : p.shuffled());
                if (t.size() > model.config().maxPositions()) {
                    throw new InputException("line " + p.line() + " has " + t.size() + " tokens; " + model.name()
                            + " takes at most " + model.config().maxPositions() + ": shorten it");
                }
                texts.add(t);
            }
        }
        return texts;
    }
}
