package dev.attend.model.tokenize;

/** A text encoded within the model's limit, and how many tokens it had before any cut. */
public record Truncated(TokenizedText text, int originalTokens) {

    public boolean wasCut() {
        return originalTokens > text.size();
    }
}
