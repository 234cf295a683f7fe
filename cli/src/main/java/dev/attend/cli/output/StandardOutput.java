package dev.attend.cli.output;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a command writes: the file given with --out, or standard output, which closing leaves open. */
public final class StandardOutput {
    private StandardOutput() {}

    public static OutputStream open(Path file) throws IOException {
        if (file != null) {
            return new BufferedOutputStream(Files.newOutputStream(file));
        }
        return new FilterOutputStream(System.out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
