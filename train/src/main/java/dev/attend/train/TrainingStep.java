package dev.attend.train;

import dev.attend.train.layers.Parameter;
import dev.attend.train.layers.SoftmaxCrossEntropy;
import dev.attend.train.model.Batch;
import dev.attend.train.model.Transformer;
import dev.attend.train.optim.AdamW;
import dev.attend.train.optim.GradientClipping;
import dev.attend.train.optim.LearningRateSchedule;

import java.util.List;

/**
 * One optimisation step: zero the gradients, forward, cross-entropy, backward, clip by global norm, AdamW at the
 * scheduled learning rate.
 */
public final class TrainingStep {

    /** What one step measured: the batch's loss and accuracy before the update, the gradient norm before clipping. */
    public record Result(double loss, double accuracy, double gradientNorm, double learningRate) {}

    private final Transformer model;
    private final List<Parameter> parameters;
    private final AdamW optimizer;
    private final LearningRateSchedule schedule;
    private final double maxGradientNorm;
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

    public TrainingStep(Transformer model, AdamW optimizer, LearningRateSchedule schedule, double maxGradientNorm) {
        this.model = model;
        this.parameters = model.parameters();
        this.optimizer = optimizer;
        this.schedule = schedule;
        this.maxGradientNorm = maxGradientNorm;
    }

    /** Step number {@code step} (from 0) on {@code batch}. */
    public Result run(Batch batch, int step) {
        parameters.forEach(Parameter::zeroGrad);
        float[] logits = model.forward(batch);
        double batchLoss = loss.forward(logits, batch.labels(), model.config().classes());
        double accuracy = accuracy(loss.probabilities(), batch.labels(), model.config().classes());
        model.backward(loss.backward());
        double norm = GradientClipping.clipGlobalNorm(parameters, maxGradientNorm);
        double lr = schedule.at(step);
        optimizer.step(parameters, lr);
        return new Result(batchLoss, accuracy, norm, lr);
    }

    /** The fraction of counted rows whose most probable class is the target. */
    public static double accuracy(float[] scores, int[] targets, int classes) {
        int correct = 0, counted = 0;
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] == SoftmaxCrossEntropy.IGNORE) continue;
            counted++;
            if (argmax(scores, r * classes, classes) == targets[r]) correct++;
        }
        return counted == 0 ? Double.NaN : (double) correct / counted;
    }

    /** The index (0-based, within the row) of the largest of {@code x[offset, offset + length)}; the first on ties. */
    public static int argmax(float[] x, int offset, int length) {
        int best = 0;
        for (int i = 1; i < length; i++) {
            if (x[offset + i] > x[offset + best]) best = i;
        }
        return best;
    }
}
