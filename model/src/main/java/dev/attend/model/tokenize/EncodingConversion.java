package dev.attend.model.tokenize;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.jni.CharSpan;

import java.util.Arrays;
import java.util.List;

/** Reads DJL's {@link Encoding} of one or two texts into a {@link TokenizedText}. */
final class EncodingConversion {
    private EncodingConversion() {}

    /** How many tokens came from the text of {@code segment} (not counting added [CLS]/[SEP]). */
    static int tokensOfSegment(Encoding encoding, int segment) {
        return (int) Arrays.stream(encoding.getSequenceIds()).filter(s -> s == segment).count();
    }

    static TokenizedText toTokenizedText(Encoding encoding, List<String> texts) {
        long[] sequenceIds = encoding.getSequenceIds();
        long[] rawWordIds = encoding.getWordIds();
        CharSpan[] spans = encoding.getCharTokenSpans();
        int n = sequenceIds.length;
        List<CodePointOffsets> offsets = texts.stream().map(CodePointOffsets::new).toList();
        int firstSegmentLength = firstSegmentLength(sequenceIds);
        int firstWordIdOfSecond = 1 + (int) Arrays.stream(rawWordIds).limit(firstSegmentLength).max().orElse(-1);

        int[] charStart = new int[n];
        int[] charEnd = new int[n];
        int[] wordIds = new int[n];
        for (int i = 0; i < n; i++) {
            int segment = (int) sequenceIds[i];
            if (spans[i] == null || segment < 0) {
                charStart[i] = -1;
                charEnd[i] = -1;
            } else {
                charStart[i] = offsets.get(segment).charIndex(spans[i].getStart());
                charEnd[i] = offsets.get(segment).charIndex(spans[i].getEnd());
            }
            wordIds[i] = rawWordIds[i] < 0 ? -1 : (int) rawWordIds[i] + (segment == 1 ? firstWordIdOfSecond : 0);
        }
        return new TokenizedText(texts, toInts(encoding.getIds()), toInts(encoding.getTypeIds()),
                List.of(encoding.getTokens()), charStart, charEnd, wordIds, firstSegmentLength);
    }

    /** The position of the first token of the second text, or the length when there is none. */
    private static int firstSegmentLength(long[] sequenceIds) {
        for (int i = 0; i < sequenceIds.length; i++) {
            if (sequenceIds[i] == 1) {
                return i;
            }
        }
        return sequenceIds.length;
    }

    private static int[] toInts(long[] values) {
        return Arrays.stream(values).mapToInt(Math::toIntExact).toArray();
    }
}
