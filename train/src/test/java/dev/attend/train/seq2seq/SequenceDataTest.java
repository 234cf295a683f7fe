package dev.attend.train.seq2seq;

import dev.attend.train.layers.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceDataTest {

    @Test
    void reverseAndCopyTargets() {
        assertThat(SequenceTask.REVERSE.target(new int[] {3, 4, 5})).containsExactly(5, 4, 3);
        assertThat(SequenceTask.COPY.target(new int[] {3, 4, 5})).containsExactly(3, 4, 5);
        assertThat(SequenceTask.vocabulary()).hasSize(SequenceTask.VOCABULARY).startsWith("[PAD]", "[BOS]", "[EOS]", "a");
    }

    @Test
    void batchPadsSourcesAndShiftsTheDecoderInput() {
        Seq2SeqBatch batch = SequenceData.batch(SequenceTask.REVERSE, List.of(new int[] {3, 4, 5}, new int[] {6}));
        int ignore = SoftmaxCrossEntropy.IGNORE, bos = SequenceTask.BOS, eos = SequenceTask.EOS, pad = SequenceTask.PAD;
        assertThat(batch.sourceTokens()).isEqualTo(3);
        assertThat(batch.targetTokens()).isEqualTo(4);
        assertThat(batch.source()).containsExactly(3, 4, 5, 6, pad, pad);
        assertThat(batch.sourceLengths()).containsExactly(3, 1);
        assertThat(batch.decoderInput()).containsExactly(bos, 5, 4, 3, bos, 6, pad, pad);
        assertThat(batch.targets()).containsExactly(5, 4, 3, eos, 6, eos, ignore, ignore);
    }

    @Test
    void trainingBatchesDependOnSeedAndStepOnly() {
        Seq2SeqBatch a = SequenceData.training(SequenceTask.COPY, 7, 3, 16);
        assertThat(SequenceData.training(SequenceTask.COPY, 7, 3, 16).source()).containsExactly(a.source());
        assertThat(SequenceData.training(SequenceTask.COPY, 7, 4, 16).source()).isNotEqualTo(a.source());
        for (int length : a.sourceLengths()) assertThat(length).isBetween(SequenceTask.MIN_LENGTH, SequenceTask.MAX_LENGTH);
    }

    /** A pool's batches, cut from its sources sorted by length, cover every length once and pad little. */
    @Test
    void trainingBatchesOfOnePoolAreGroupedByLength() {
        int size = 16, padded = 0, real = 0;
        java.util.Set<Integer> slices = new java.util.HashSet<>();
        for (int step = 0; step < SequenceData.POOL; step++) {
            Seq2SeqBatch b = SequenceData.training(SequenceTask.REVERSE, 7, step, size);
            int min = java.util.Arrays.stream(b.sourceLengths()).min().orElseThrow();
            slices.add(min * 100 + b.sourceTokens());
            for (int length : b.sourceLengths()) real += length;
            padded += size * b.sourceTokens();
        }
        assertThat(slices).hasSize(SequenceData.POOL); // POOL different batches, not one batch repeated
        assertThat((double) real / padded).isGreaterThan(0.85); // ungrouped: ~0.6 (mean 22.5 of max ~39)
    }

    @Test
    void testSetFillsEveryBucketWithinItsLengths() {
        List<int[]> test = SequenceData.test(20);
        assertThat(test).hasSize(20 * SequenceTask.BUCKETS.size());
        for (int i = 0; i < test.size(); i++) {
            int[] bucket = SequenceTask.BUCKETS.get(i / 20);
            assertThat(test.get(i).length).isBetween(bucket[0], bucket[1]);
            for (int id : test.get(i)) assertThat(id).isBetween(3, SequenceTask.VOCABULARY - 1);
        }
    }

    @Test
    void exactMatchNeedsEveryTokenAndTheEnd() {
        int eos = SequenceTask.EOS;
        int[] targets = {5, 4, 3, eos};
        assertThat(Seq2SeqEvaluation.exactMatch(new int[] {5, 4, 3, eos}, targets, 0, 3)).isTrue();
        assertThat(Seq2SeqEvaluation.exactMatch(new int[] {5, 4, 3, 3}, targets, 0, 3)).isFalse();
        assertThat(Seq2SeqEvaluation.exactMatch(new int[] {5, 9, 3, eos}, targets, 0, 3)).isFalse();
    }
}
