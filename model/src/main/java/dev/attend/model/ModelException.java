package dev.attend.model;

/** A model cannot be found, read or understood; the message names the file and what was expected. */
public final class ModelException extends RuntimeException {
    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
