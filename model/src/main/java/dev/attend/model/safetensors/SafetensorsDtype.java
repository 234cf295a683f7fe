package dev.attend.model.safetensors;

import java.util.Arrays;
import java.util.Optional;

/**
 * The element types a safetensors header may name, with their size in bytes. Every one of them can be
 * validated and skipped; only F32, F16 and BF16 can be read as float32 weights.
 */
public enum SafetensorsDtype {
    BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1),
    I16(2), U16(2), F16(2), BF16(2),
    I32(4), U32(4), F32(4),
    I64(8), U64(8), F64(8);

    private final int byteSize;

    SafetensorsDtype(int byteSize) {
        this.byteSize = byteSize;
    }

    public int byteSize() {
        return byteSize;
    }

    /** Whether {@link SafetensorsFile#floats} can read a tensor of this type. */
    public boolean readsAsFloat() {
        return this == F32 || this == F16 || this == BF16;
    }

    /** The dtype spelled as in a header, e.g. "BF16". */
    public static Optional<SafetensorsDtype> named(String name) {
        return Arrays.stream(values()).filter(dtype -> dtype.name().equals(name)).findFirst();
    }
}
