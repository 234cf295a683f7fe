package dev.attend.model;

/**
 * Receives a batch's attention weights block by block during the forward pass ({@link AttentionModel#streamAttention}):
 * rows {@code firstQuery .. firstQuery + rows - 1} of one head in one layer of text {@code text}, the weight of key j
 * for row r at {@code weights[offset + r·stride + j]}, j below the text's length (texts are packed without padding).
 * Called from the pool's threads, concurrently for different blocks of the same layer; every (text, layer, head,
 * block) arrives once. The array is valid only during the call.
 */
@FunctionalInterface
public interface AttentionStream {
    void block(int text, int layer, int head, int firstQuery, int rows, float[] weights, int offset, int stride);
}
