package dev.attend.model.registry;

import dev.attend.model.ModelException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Extracts built-in models from the classpath into {@code root/models/<model name>/<carrier version>/}, once:
 * a file already there with the resource's size is used as it is. A file is written under a unique temporary
 * name in the same folder, its size checked, then renamed into place atomically, so concurrent processes
 * never see (or leave) a partial file; if two race, both write the same bytes and the last rename wins.
 */
final class ModelCache {
    private final Path root;

    ModelCache(Path root) {
        this.root = root;
    }

    synchronized ModelFiles files(BuiltInModel model) {
        Path folder = root.resolve("models").resolve(model.modelName()).resolve(model.carrierVersion());
        return new ModelFiles(
                extracted(model, model.onnxResource(), folder),
                extracted(model, model.tokenizerResource(), folder));
    }

    private static Path extracted(BuiltInModel model, String resource, Path folder) {
        URL url = ModelCache.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new ModelException("resource " + resource + " of " + model.modelName()
                    + " is not on the classpath; it comes in " + model.carrierArtifact() + ":"
                    + model.carrierVersion());
        }
        Path target = folder.resolve(resource);
        try {
            URLConnection connection = url.openConnection();
            long size = connection.getContentLengthLong();
            if (size < 0) {
                throw new ModelException("cannot tell the size of resource " + url);
            }
            if (Files.isRegularFile(target) && Files.size(target) == size) {
                return target;
            }
            Files.createDirectories(folder);
            writeAtomically(connection, size, target);
            return target;
        } catch (IOException e) {
            throw new ModelException("cannot extract " + resource + " of " + model.modelName() + " to " + target
                    + ": " + e + "; set ATTEND_CACHE to a writable folder", e);
        }
    }

    private static void writeAtomically(URLConnection source, long size, Path target) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName() + ".", ".part");
        try {
            try (InputStream in = source.getInputStream()) {
                Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            }
            long written = Files.size(temporary);
            if (written != size) {
                throw new IOException("wrote " + written + " bytes where the resource has " + size);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
