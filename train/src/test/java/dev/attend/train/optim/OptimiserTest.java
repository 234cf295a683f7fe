package dev.attend.train.optim;

import dev.attend.train.layers.Parameter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OptimiserTest {

    @Test
    void adamWTwoStepsByHand() {
        Parameter w = new Parameter("w", new int[] {2}, new float[] {1f, -2f}, new float[2], true);
        Parameter b = new Parameter("b", new int[] {1}, new float[] {0.5f}, new float[1], false);
        AdamWSettings s = new AdamWSettings(0.9, 0.99, 1e-8, 0.1);
        AdamW adam = new AdamW(s, List.of(w, b));
        double lr = 0.01;

        w.grad()[0] = 0.5f; w.grad()[1] = -4f; b.grad()[0] = 2f;
        adam.step(List.of(w, b), lr);
        // step 1: m̂ = g, v̂ = g², so the Adam part is g/|g| = ±1; decay only on w
        assertThat(w.value()[0]).isCloseTo((float) (1 - lr * (1 + 0.1 * 1)), within(1e-7f));
        assertThat(w.value()[1]).isCloseTo((float) (-2 - lr * (-1 + 0.1 * -2)), within(1e-7f));
        assertThat(b.value()[0]).isCloseTo((float) (0.5 - lr), within(1e-7f));

        double theta = w.value()[0];
        w.grad()[0] = -1f;
        adam.step(List.of(w, b), lr);
        double m = (0.9 * (0.1 * 0.5) + 0.1 * -1) / (1 - 0.81);
        double v = (0.99 * (0.01 * 0.25) + 0.01 * 1) / (1 - 0.9801);
        assertThat((double) w.value()[0]).isCloseTo(theta - lr * (m / (Math.sqrt(v) + 1e-8) + 0.1 * theta), within(1e-6));
        assertThat(adam.steps()).isEqualTo(2);
    }

    @Test
    void clippingScalesTheGlobalNorm() {
        Parameter a = new Parameter("a", new int[] {2}, new float[2], new float[] {3f, 0f}, true);
        Parameter b = new Parameter("b", new int[] {1}, new float[1], new float[] {4f}, false);
        assertThat(GradientClipping.clipGlobalNorm(List.of(a, b), 1.0)).isEqualTo(5.0);
        assertThat(a.grad()[0]).isCloseTo(0.6f, within(1e-7f));
        assertThat(b.grad()[0]).isCloseTo(0.8f, within(1e-7f));
        assertThat(GradientClipping.clipGlobalNorm(List.of(a, b), 2.0)).isCloseTo(1.0, within(1e-6));
        assertThat(b.grad()[0]).isCloseTo(0.8f, within(1e-7f)); // under the limit: untouched
    }

    @Test
    void warmUpThenCosineDecay() {
        LearningRateSchedule s = new LearningRateSchedule(1e-3, 10, 110, 0.1);
        assertThat(s.at(0)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.at(9)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(10)).isCloseTo(1e-3, within(1e-12));
        assertThat(s.at(60)).isCloseTo(0.55e-3, within(1e-12));
        assertThat(s.at(110)).isCloseTo(1e-4, within(1e-12));
        assertThat(s.at(500)).isCloseTo(1e-4, within(1e-12));
        for (int step = 10; step < 110; step++) {
            assertThat(s.at(step + 1)).isLessThanOrEqualTo(s.at(step));
        }
    }
}
