package dev.attend.cli;

import dev.attend.train.TrainingProgress;
import dev.attend.train.TrainingStep;
import dev.attend.train.experiment.ExperimentProgress;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.time.Duration;
import java.util.Locale;

/**
 * Progress bars on stderr within 80 columns: one per training run (step, loss and accuracy of the last batch,
 * steps/s); an experiment's next run closes the previous bar.
 */
final class TrainingBars implements ExperimentProgress, AutoCloseable {
    private Bar current;

    @Override
    public TrainingProgress run(String label) {
        close();
        current = new Bar(label);
        return current;
    }

    @Override
    public void close() {
        if (current != null) current.close();
        current = null;
    }

    /** One run's bar. */
    static final class Bar implements TrainingProgress, AutoCloseable {
        private final String label;
        private ProgressBar bar;

        Bar(String label) {
            this.label = label;
        }

        @Override
        public void started(int doneSteps, int totalSteps) {
            bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(totalSteps).startsFrom(doneSteps, Duration.ZERO)
                    .setUnit(" steps", 1).hideEta().setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        }

        @Override
        public void step(int doneSteps, TrainingStep.Result result, double stepsPerSecond) {
            bar.stepTo(doneSteps);
            bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f · acc %.2f · %.1f steps/s", result.loss(),
                    result.accuracy(), stepsPerSecond));
        }

        @Override
        public void evaluating() {
            bar.setExtraMessage(" evaluating on held-out data");
        }

        @Override
        public void close() {
            if (bar != null) bar.close();
        }
    }
}
