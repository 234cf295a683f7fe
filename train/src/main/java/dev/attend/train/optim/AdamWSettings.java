package dev.attend.train.optim;

/** AdamW's hyper-parameters except the learning rate, which a {@link LearningRateSchedule} gives per step. */
public record AdamWSettings(double beta1, double beta2, double epsilon, double weightDecay) {

    /** β1 0.9, β2 0.999, ε 1e-8, weight decay 0.01 (transformers' defaults). */
    public static final AdamWSettings DEFAULT = new AdamWSettings(0.9, 0.999, 1e-8, 0.01);

    public AdamWSettings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("bad AdamW settings: beta1 " + beta1 + ", beta2 " + beta2 + ", epsilon "
                    + epsilon + ", weight decay " + weightDecay);
        }
    }
}
