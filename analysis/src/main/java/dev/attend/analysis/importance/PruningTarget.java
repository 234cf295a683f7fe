package dev.attend.analysis.importance;

import java.util.List;

/** What a pruning curve measures: a model with a task metric, run with a head mask on the evaluation split. */
public interface PruningTarget {

    /** The metric and the last hidden state of every evaluated text ([tokens, hidden] each). */
    record Measurement(double metric, List<float[]> lastHiddenStates) {}

    String metricName();

    int layers();

    int heads();

    /** {@code headMask[layer][head]}: 1 keeps a head, 0 removes it. */
    Measurement measure(float[][] headMask);
}
