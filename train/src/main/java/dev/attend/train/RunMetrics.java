package dev.attend.train;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.attend.train.checkpoint.TrainerState;

/** The part of {@code metrics.json} every training run shares: what ran, how far it got and how fast. */
public final class RunMetrics {

    private RunMetrics() {
    }

    /** task, arch, steps, planned_steps, seed, quick, interrupted, resumed_from_step (when resumed), seconds, steps_per_second. */
    public static ObjectNode of(TrainerState state, int firstStep, double seconds) {
        ObjectNode metrics = JsonMapper.builder().build().createObjectNode();
        metrics.put("task", state.task());
        metrics.put("arch", state.arch());
        metrics.put("steps", state.step());
        metrics.put("planned_steps", state.totalSteps());
        metrics.put("seed", state.seed());
        metrics.put("quick", state.quick());
        metrics.put("interrupted", state.step() < state.totalSteps());
        if (firstStep > 0) metrics.put("resumed_from_step", firstStep);
        metrics.put("seconds", seconds);
        metrics.put("steps_per_second", (state.step() - firstStep) / seconds);
        return metrics;
    }
}
