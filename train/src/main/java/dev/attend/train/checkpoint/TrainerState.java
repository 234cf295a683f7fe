package dev.attend.train.checkpoint;

/**
 * Where a run stands: its task and architecture, the steps done out of the planned total, the seed of its data stream
 * (batch s is drawn from (seed, s), so the step count is all a resumed run needs to continue the same stream) and
 * whether it ran in quick mode.
 */
public record TrainerState(String task, String arch, int step, int totalSteps, long seed, boolean quick) {}
