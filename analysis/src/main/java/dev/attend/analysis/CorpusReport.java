package dev.attend.analysis;

import java.util.List;

/** The head statistics of a corpus and what happened to its lines on the way. */
public record CorpusReport(String model, String modelName, long lines, long texts, long emptyLines, long truncatedLines,
                           long tokens, List<HeadSummary> heads) {}
