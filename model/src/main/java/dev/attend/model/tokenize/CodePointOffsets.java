package dev.attend.model.tokenize;

/**
 * Turns offsets counted in Unicode code points (as the Rust tokenizer gives them) into offsets counted in
 * UTF-16 chars (as Java strings are indexed): they differ after every character outside the BMP (emoji).
 */
final class CodePointOffsets {
    private final int[] charIndexOfCodePoint;

    CodePointOffsets(String text) {
        int count = text.codePointCount(0, text.length());
        charIndexOfCodePoint = new int[count + 1];
        int codePoint = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            charIndexOfCodePoint[codePoint++] = i;
        }
        charIndexOfCodePoint[count] = text.length();
    }

    int charIndex(int codePointIndex) {
        return charIndexOfCodePoint[codePointIndex];
    }
}
