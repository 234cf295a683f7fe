package dev.attend.analysis;

import dev.attend.model.InputException;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a corpus one text per line (LF or CRLF), strictly as UTF-8: a line that is not valid UTF-8 is an
 * {@link InputException} naming its line number, never a silently replaced character.
 */
public final class CorpusLines implements AutoCloseable {
    private final Path file;
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private long lineNumber;

    public CorpusLines(Path file) {
        this.file = file;
        try {
            this.in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
        }
    }

    /** Counts the lines of a file (a last line without a newline counts too) without decoding them. */
    public static long count(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            long lines = 0;
            int last = '\n';
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = in.read(buffer)) > 0; ) {
                for (int k = 0; k < read; k++) if (buffer[k] == '\n') lines++;
                last = buffer[read - 1];
            }
            return last == '\n' ? lines : lines + 1;
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + (Files.exists(file) ? e.getMessage() : "no such file"));
        }
    }

    /** The next line without its line ending, or null at the end of the file. */
    public String next() {
        try {
            line.reset();
            int b;
            while ((b = in.read()) != -1 && b != '\n') line.write(b);
            if (b == -1 && line.size() == 0) return null;
            lineNumber++;
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            return decoder.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw new InputException(file + ": line " + lineNumber + " is not valid UTF-8; fix or remove that line");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The number of the line last returned, from 1. */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
