package dev.attend.core.attention;

/**
 * The sizes of one scaled dot-product attention: {@code heads} query heads share {@code kvHeads} key/value
 * heads (grouped-query; multi-query when kvHeads = 1), {@code queries} × {@code keys} positions,
 * {@code headDim} for queries and keys, {@code valueDim} for values.
 */
public record AttentionShape(int heads, int kvHeads, int queries, int keys, int headDim, int valueDim) {

    public AttentionShape {
        if (heads <= 0 || kvHeads <= 0 || heads % kvHeads != 0) {
            throw new IllegalArgumentException(heads + " query heads cannot share " + kvHeads + " key/value heads");
        }
        if (queries < 0 || keys < 0 || headDim <= 0 || valueDim <= 0) {
            throw new IllegalArgumentException("bad attention sizes: queries=" + queries + " keys=" + keys
                    + " headDim=" + headDim + " valueDim=" + valueDim);
        }
    }

    /** Self- or cross-attention with as many key/value heads as query heads and equal head sizes. */
    public static AttentionShape of(int heads, int queries, int keys, int headDim) {
        return new AttentionShape(heads, heads, queries, keys, headDim, headDim);
    }

    /** The key/value head that query head {@code h} reads. */
    public int kvHeadOf(int h) {
        return h / (heads / kvHeads);
    }

    public double scale() {
        return 1.0 / Math.sqrt(headDim);
    }
}
