package dev.attend.train.model;

/**
 * A batch of sequences padded to {@code tokens}: token ids [size, tokens], each sequence's true length (keys from
 * there on are masked), the position the classifier reads in each sequence and its target class
 * ({@link dev.attend.train.layers.SoftmaxCrossEntropy#IGNORE} to leave a sequence out of the loss).
 */
public record Batch(int[] ids, int size, int tokens, int[] lengths, int[] readPositions, int[] labels) {

    public Batch {
        if (ids.length != size * tokens || lengths.length != size || readPositions.length != size || labels.length != size) {
            throw new IllegalArgumentException("batch of " + size + " × " + tokens + " has " + ids.length + " ids, "
                    + lengths.length + " lengths, " + readPositions.length + " read positions, " + labels.length + " labels");
        }
        for (int b = 0; b < size; b++) {
            if (lengths[b] < 1 || lengths[b] > tokens || readPositions[b] < 0 || readPositions[b] >= lengths[b]) {
                throw new IllegalArgumentException("sequence " + b + " has length " + lengths[b] + " and read position "
                        + readPositions[b] + " in a batch of " + tokens + " tokens");
            }
        }
    }
}
