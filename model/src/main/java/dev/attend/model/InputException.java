package dev.attend.model;

/** The user's input (text, indices, options) cannot be used; the message says what to change. */
public final class InputException extends RuntimeException {
    public InputException(String message) {
        super(message);
    }
}
