package dev.attend.core.attention;

/**
 * Which keys each query may see. All parts combine: a key is visible when it is before {@code keyLength}
 * (keys from there on are padding), not in the future of a {@code causal} query, allowed by {@code allowed}
 * (boolean [queries, keys], may be null), and {@code additive} (float [queries, keys], may be null, e.g.
 * a relative-position bias or -Infinity for blocked pairs) is added to the scaled logits.
 *
 * <p>Causal with fewer queries than keys aligns the queries with the last keys: query i sees keys
 * {@code j <= i + (keys - queries)}, as in decoding with a cache.
 */
public record AttentionMask(int keyLength, boolean causal, boolean[] allowed, float[] additive) {

    /** Every key visible. */
    public static AttentionMask none() {
        return new AttentionMask(Integer.MAX_VALUE, false, null, null);
    }

    /** Keys from {@code keyLength} on are padding. */
    public static AttentionMask padding(int keyLength) {
        return new AttentionMask(keyLength, false, null, null);
    }

    /** Each query sees itself and earlier keys. */
    public static AttentionMask causalMask() {
        return new AttentionMask(Integer.MAX_VALUE, true, null, null);
    }

    public AttentionMask withKeyLength(int length) {
        return new AttentionMask(length, causal, allowed, additive);
    }

    public AttentionMask withAllowed(boolean[] allowedPairs) {
        return new AttentionMask(keyLength, causal, allowedPairs, additive);
    }

    public AttentionMask withAdditive(float[] bias) {
        return new AttentionMask(keyLength, causal, allowed, bias);
    }

    /** The number of leading keys query {@code i} can reach by length and causality (ignoring the matrices). */
    public int visibleKeys(int i, int queries, int keys) {
        int limit = Math.min(keys, keyLength);
        if (causal) {
            limit = Math.min(limit, i + (keys - queries) + 1);
        }
        return Math.max(limit, 0);
    }

    void checkShape(int queries, int keys) {
        if (allowed != null && allowed.length != queries * keys) {
            throw new IllegalArgumentException("boolean mask has " + allowed.length + " entries, expected ["
                    + queries + " x " + keys + "]");
        }
        if (additive != null && additive.length != queries * keys) {
            throw new IllegalArgumentException("additive mask has " + additive.length + " entries, expected ["
                    + queries + " x " + keys + "]");
        }
    }
}
