package dev.attend.bench;

import ai.onnxruntime.OrtEnvironment;
import dev.attend.core.Kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a benchmark table needs to be read later: the CPU, the JDK, ONNX Runtime's version, the machine's load. */
public final class Machine {
    private Machine() {}

    /** The lines printed above every table. */
    public static void describe() {
        System.out.println("CPU:     " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores visible");
        System.out.println("JDK:     " + System.getProperty("java.vm.name") + " " + Runtime.version());
        System.out.println("ORT:     ONNX Runtime " + OrtEnvironment.getEnvironment().getVersion() + " (CPU)");
        System.out.println("attend:  kernels " + Kernels.describe());
        System.out.println("load:    " + load() + " (1, 5, 15 min averages at start)");
    }

    /** The load averages from /proc/loadavg ("1.02 0.80 0.55"), or "unknown" off Linux. */
    public static String load() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            String model = field(lines, "model name");
            String family = field(lines, "cpu family");
            String number = field(lines, "model");
            String flags = field(lines, "flags");
            String avx = flags == null ? "" : flags.contains("avx512f") ? ", AVX-512" : flags.contains("avx2") ? ", AVX2" : "";
            return (model == null ? "unknown CPU" : model)
                    + (family == null ? "" : " (family " + family + ", model " + number + avx + ")");
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static String field(List<String> lines, String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
