package dev.attend.model.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.attend.model.InputException;
import dev.attend.model.ModelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face tokenizer (tokenizer.json) that gives the model's tokens of a text or text pair, with their
 * places in the text. Truncation and padding set in the file are ignored: every token is kept, none is
 * added, and a text longer than the model takes is refused. Safe to share between threads; close it when done.
 */
public final class Tokenizer implements AutoCloseable {
    private static final Map<String, String> KEEP_EVERY_TOKEN =
            Map.of("truncation", "false", "padding", "false", "addSpecialTokens", "true");

    private final HuggingFaceTokenizer tokenizer;
    private final String modelName;
    private final int maxTokens;
    private boolean closed;

    private Tokenizer(HuggingFaceTokenizer tokenizer, String modelName, int maxTokens) {
        this.tokenizer = tokenizer;
        this.modelName = modelName;
        this.maxTokens = maxTokens;
    }

    /** Loads {@code tokenizerJson} for a model that takes at most {@code maxTokens} tokens. */
    public static Tokenizer load(Path tokenizerJson, int maxTokens) {
        return load(tokenizerJson, "this model", maxTokens);
    }

    /** Loads {@code tokenizerJson}; {@code modelName} names the model in error messages. */
    public static Tokenizer load(Path tokenizerJson, String modelName, int maxTokens) {
        if (maxTokens < 3) {
            throw new IllegalArgumentException("a model must take at least 3 tokens, not " + maxTokens);
        }
        if (!Files.isRegularFile(tokenizerJson)) {
            throw new ModelException("tokenizer file not found: " + tokenizerJson
                    + "; expected a Hugging Face tokenizer.json");
        }
        DjlOffline.ensure();
        try {
            return new Tokenizer(HuggingFaceTokenizer.newInstance(tokenizerJson, KEEP_EVERY_TOKEN), modelName, maxTokens);
        } catch (IOException | RuntimeException e) {
            throw new ModelException("cannot read tokenizer " + tokenizerJson + ": " + e.getMessage()
                    + "; expected a Hugging Face tokenizer.json", e);
        }
    }

    /**
     * This tokenizer for a model that takes at most {@code maxTokens} tokens (the two share the loaded file: close
     * only the one kept).
     */
    public Tokenizer limitedTo(int maxTokens) {
        if (maxTokens < 3) {
            throw new IllegalArgumentException("a model must take at least 3 tokens, not " + maxTokens);
        }
        return new Tokenizer(tokenizer, modelName, maxTokens);
    }

    /** The most tokens (added ones included) a text may have. */
    public int maxTokens() {
        return maxTokens;
    }

    /** [CLS] text [SEP]. */
    public TokenizedText encode(String text) {
        return tokenized(new String[] {text}, new String[] {"text"}, "text has %d tokens; %s takes at most %d — shorten it");
    }

    /**
     * [CLS] text [SEP], cut to the model's limit when longer: the first maxTokens − 1 tokens and the closing
     * [SEP] are kept, and {@link Truncated#originalTokens()} tells how many there were.
     */
    public Truncated encodeTruncating(String text) {
        TokenizedText full = tokenized(new String[] {text}, new String[] {"text"}, null);
        return new Truncated(full.size() > maxTokens ? full.keepingEnds(maxTokens) : full, full.size());
    }

    /** [CLS] first [SEP] second [SEP], with type id 0 up to and including the first [SEP], 1 after it. */
    public TokenizedText encodePair(String first, String second) {
        return tokenized(new String[] {first, second}, new String[] {"first text", "second text"},
                "text pair has %d tokens; %s takes at most %d — shorten them");
    }

    @Override
    public synchronized void close() {
        closed = true;
        tokenizer.close();
    }

    private TokenizedText tokenized(String[] texts, String[] labels, String tooLong) {
        for (int segment = 0; segment < texts.length; segment++) {
            if (texts[segment] == null || texts[segment].isEmpty()) {
                throw new InputException(labels[segment] + " is empty; give some text");
            }
        }
        Encoding encoding = encoded(texts);
        for (int segment = 0; segment < texts.length; segment++) {
            if (EncodingConversion.tokensOfSegment(encoding, segment) == 0) {
                throw new InputException(labels[segment] + " has no words, only spaces or control characters; give some text");
            }
        }
        int count = encoding.getIds().length;
        if (tooLong != null && count > maxTokens) {
            throw new InputException(tooLong.formatted(count, modelName, maxTokens));
        }
        return EncodingConversion.toTokenizedText(encoding, List.of(texts));
    }

    /**
     * One call at a time: DJL does not promise concurrent encodes are safe (its JNI layer hands every call a
     * mutable reference to the one Rust tokenizer), and an encode racing {@link #close} would use freed memory.
     */
    private synchronized Encoding encoded(String[] texts) {
        if (closed) {
            throw new IllegalStateException("tokenizer is closed");
        }
        if (texts.length == 1) {
            return tokenizer.encode(LoneSurrogates.replaced(texts[0]));
        }
        return tokenizer.encode(LoneSurrogates.replaced(texts[0]), LoneSurrogates.replaced(texts[1]));
    }
}
