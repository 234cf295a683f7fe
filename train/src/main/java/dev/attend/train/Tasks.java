package dev.attend.train;

import dev.attend.model.InputException;
import dev.attend.train.agreement.AgreementTask;
import dev.attend.train.coref.CorefTask;
import dev.attend.train.induction.InductionTask;

/** The tasks {@code attend train --task} knows, by name. */
public final class Tasks {
    private Tasks() {}

    public static TrainingTask create(String name, boolean quick) {
        return switch (name) {
            case "coref" -> CorefTask.of(quick);
            case "agreement" -> AgreementTask.of(quick);
            case "induction" -> InductionTask.of(quick);
            default -> throw new InputException("unknown task '" + name + "'; known tasks: " + String.join(", ", TrainOptions.TASKS));
        };
    }
}
