package dev.attend.core.attention;

/**
 * Receives attention probabilities one (head, block of query rows) at a time, right after the softmax, while the
 * block is still in cache: a consumer that only needs numbers computed from the weights (statistics, say) never
 * makes the [heads, queries, keys] array. Called from the pool's threads, concurrently for different blocks; each
 * (head, block) arrives exactly once.
 */
@FunctionalInterface
public interface WeightBlocks {
    /**
     * Query rows {@code firstQuery .. firstQuery + rows - 1} of head {@code head}: the weight of key j for row r
     * is {@code weights[offset + r·stride + j]}, for every key (0 where masked). Valid only during the call.
     */
    void accept(int head, int firstQuery, int rows, float[] weights, int offset, int stride);
}
