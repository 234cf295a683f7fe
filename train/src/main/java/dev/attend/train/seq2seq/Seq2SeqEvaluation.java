package dev.attend.train.seq2seq;

import dev.attend.train.layers.SoftmaxCrossEntropy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model on held-out sources: the teacher-forced loss (mean over target tokens incl. EOS) and the
 * exact-match accuracy of greedy decoding (the decoded tokens up to the first EOS equal the target, and EOS comes),
 * overall and per length bucket.
 */
public record Seq2SeqEvaluation(double loss, double accuracy, Map<String, Double> accuracyByLength, int examples) {

    private static final int BATCH = 64;

    public static Seq2SeqEvaluation of(Seq2SeqModel model, SequenceTask task, int perBucket) {
        List<int[]> sources = SequenceData.test(perBucket);
        Map<String, Double> byLength = new LinkedHashMap<>();
        double lossSum = 0;
        long tokens = 0;
        int correct = 0;
        for (int k = 0; k < SequenceTask.BUCKETS.size(); k++) {
            int bucketCorrect = 0;
            for (int from = k * perBucket; from < (k + 1) * perBucket; from += BATCH) {
                Seq2SeqBatch batch = SequenceData.batch(task, sources.subList(from, Math.min(from + BATCH, (k + 1) * perBucket)));
                int counted = 0;
                for (int t : batch.targets()) if (t != SoftmaxCrossEntropy.IGNORE) counted++;
                lossSum += new SoftmaxCrossEntropy().forward(model.forward(batch), batch.targets(), model.config().vocabSize()) * counted;
                tokens += counted;
                int[][] decoded = model.greedy(batch, batch.targetTokens());
                for (int b = 0; b < batch.size(); b++) {
                    if (exactMatch(decoded[b], batch.targets(), b * batch.targetTokens(), batch.sourceLengths()[b])) bucketCorrect++;
                }
            }
            byLength.put(SequenceTask.bucketName(SequenceTask.BUCKETS.get(k)), (double) bucketCorrect / perBucket);
            correct += bucketCorrect;
        }
        return new Seq2SeqEvaluation(lossSum / tokens, (double) correct / sources.size(), byLength, sources.size());
    }

    /** The first {@code length} decoded tokens equal the target's and the next is EOS. */
    static boolean exactMatch(int[] decoded, int[] targets, int offset, int length) {
        for (int i = 0; i <= length; i++) {
            if (decoded[i] != targets[offset + i]) return false;
        }
        return true;
    }
}
