package dev.attend.model.tokenize;

/**
 * Replaces each unpaired surrogate with U+FFFD. Rust strings cannot hold one, and JNI would turn it into
 * several replacement characters, shifting every offset after it; one char for one char keeps them aligned.
 */
final class LoneSurrogates {
    private LoneSurrogates() {}

    static String replaced(String text) {
        char[] chars = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                if (chars == null) {
                    chars = text.toCharArray();
                }
                chars[i] = '\uFFFD';
            }
        }
        return chars == null ? text : new String(chars);
    }
}
