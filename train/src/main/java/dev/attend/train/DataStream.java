package dev.attend.train;

import java.util.SplittableRandom;

/** The random source of training batch {@code step} of a run with {@code seed}: (seed, step) alone decide it. */
public final class DataStream {
    private DataStream() {}

    public static SplittableRandom at(long seed, int step) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + step));
    }

    /** MurmurHash3's 64-bit finaliser: nearby (seed, step) pairs give unrelated generator seeds. */
    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
