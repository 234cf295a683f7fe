package dev.attend.train.experiment;

import dev.attend.plot.Series;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LearningCurveTest {

    @Test
    void smoothedIsTheMeanOfTheLastWindowValues() {
        assertThat(LearningCurve.smoothed(new double[] {2, 4, 6, 8, 10}, 3)).containsExactly(2, 3, 4, 6, 8);
    }

    @Test
    void thinnedKeepsEveryKthPointAndTheLast() {
        double[] x = {0, 1, 2, 3, 4, 5, 6}, y = {10, 11, 12, 13, 14, 15, 16};
        Series s = LearningCurve.thinned("s", x, y, 3);
        assertThat(s.x()).containsExactly(0, 3, 6);
        assertThat(s.y()).containsExactly(10, 13, 16);
        assertThat(LearningCurve.thinned("s", x, y, 4).x()).containsExactly(0, 2, 4, 6);
        assertThat(LearningCurve.thinned("s", new double[] {0, 1, 2, 3}, y, 2).x()).containsExactly(0, 2, 3);
        assertThat(LearningCurve.thinned("s", x, y, 100).x()).containsExactly(x);
    }
}
