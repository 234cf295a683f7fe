package dev.attend.train;

import dev.attend.model.InputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The --out folder of a run: created if missing, refused if it is a file, unwritable, or holds another run. */
public final class RunFolder {
    private RunFolder() {}

    /**
     * @param resumingInside true when the run resumes from a checkpoint in this folder: then it may hold files (the
     *                       run continues there); otherwise it must be empty, so nothing is overwritten
     */
    public static Path prepare(Path out, boolean resumingInside) {
        return prepare(out, resumingInside, "metrics.json, probes and checkpoints", true);
    }

    /**
     * @param contents  what the folder is for, as the refusal of a file names it
     * @param resumable whether the refusal of a non-empty folder may suggest continuing the run with --resume
     */
    public static Path prepare(Path out, boolean resumingInside, String contents, boolean resumable) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new InputException("--out " + out + " is a file; give a folder for " + contents);
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new InputException("cannot create --out " + out + ": " + reason(e));
        }
        if (!resumingInside && !isEmpty(out)) {
            throw new InputException("--out " + out + " is not empty; choose a new folder"
                    + (resumable ? " (or continue the run in it with --resume " + out + ")" : ""));
        }
        try {
            Files.delete(Files.createTempFile(out, ".write-test", ".tmp"));
        } catch (IOException e) {
            throw new InputException("cannot write to --out " + out + ": " + reason(e));
        }
        return out;
    }

    private static boolean isEmpty(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.findAny().isEmpty();
        } catch (IOException e) {
            throw new InputException("cannot list --out " + folder + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        String name = e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
    }
}
