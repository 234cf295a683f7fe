package dev.attend.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The shuffled transpose against its definition: packed[base + p·8 + r] = src[from + r·stride + p]. */
class VectorPackTest {

    @Test
    void rowTileIsTheStridedCopy() {
        Assumptions.assumeTrue(Kernels.vectorApiPresent() && VectorPack.fits());
        Random random = new Random(3);
        int lanes = VectorMath.LANES;
        for (int steps : new int[] {lanes, 2 * lanes, 16 * lanes}) {
            int stride = steps + random.nextInt(9);
            int from = random.nextInt(7);
            float[] src = TestData.gaussian(random, from + 8 * stride, 0, 1);
            int base = random.nextInt(5);
            float[] packed = new float[base + steps * 8 + 3];
            VectorPack.rowTile(src, from, stride, steps, packed, base);
            float[] want = new float[packed.length];
            for (int r = 0; r < 8; r++) {
                for (int p = 0; p < steps; p++) {
                    want[base + p * 8 + r] = src[from + r * stride + p];
                }
            }
            assertThat(packed).as("steps %d", steps).containsExactly(want);
        }
    }
}
