package dev.attend.model.tokenize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies a classpath resource (a built-in model's tokenizer.json) to a test folder. */
final class ClasspathFiles {
    private ClasspathFiles() {}

    static Path copy(String resource, Path folder) {
        try (InputStream in = ClasspathFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " on the test classpath");
            }
            Path target = folder.resolve(resource);
            Files.copy(in, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
