package dev.attend.train.model;

/**
 * A batch of sequences padded to {@code tokens}: token ids [size, tokens], each sequence's true length (keys from
 * there on are masked), the positions the classifier reads and their target classes
 * ({@link dev.attend.train.layers.SoftmaxCrossEntropy#IGNORE} leaves a read out of the loss). Every sequence has the
 * same number of reads, {@link #reads()}: one for a classifier at one position (e.g. the pronoun), every position for
 * a language model; read r belongs to sequence r / reads().
 *
 * @param readPositions [size · reads] positions within each sequence
 * @param labels        [size · reads]
 */
public record Batch(int[] ids, int size, int tokens, int[] lengths, int[] readPositions, int[] labels) {

    public Batch {
        if (ids.length != size * tokens || lengths.length != size || readPositions.length == 0
                || readPositions.length % size != 0 || labels.length != readPositions.length) {
            throw new IllegalArgumentException("batch of " + size + " × " + tokens + " has " + ids.length + " ids, "
                    + lengths.length + " lengths, " + readPositions.length + " read positions, " + labels.length + " labels");
        }
        int reads = readPositions.length / size;
        for (int r = 0; r < readPositions.length; r++) {
            int b = r / reads;
            if (lengths[b] < 1 || lengths[b] > tokens || readPositions[r] < 0 || readPositions[r] >= lengths[b]) {
                throw new IllegalArgumentException("sequence " + b + " has length " + lengths[b] + " and read position "
                        + readPositions[r] + " in a batch of " + tokens + " tokens");
            }
        }
    }

    /** Reads per sequence. */
    public int reads() {
        return readPositions.length / size;
    }

    /** The row of read r in the token-major activations [size·tokens, C]. */
    public int readRow(int r) {
        return (r / reads()) * tokens + readPositions[r];
    }
}
