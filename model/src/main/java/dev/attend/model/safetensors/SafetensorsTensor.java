package dev.attend.model.safetensors;

import java.util.Arrays;

/**
 * One entry of a safetensors header: a tensor's name, element type, shape (row-major) and its bytes
 * [begin, end) counted from the start of the data buffer, i.e. after the header.
 */
public record SafetensorsTensor(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {

    public SafetensorsTensor {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** The product of the shape (1 for a scalar); {@link ArithmeticException} if it overflows a long. */
    public long elementCount() {
        long count = 1;
        for (long dim : shape) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    public String shapeText() {
        return Arrays.toString(shape);
    }

    @Override
    public String toString() {
        return name + " " + dtype + " " + shapeText();
    }
}
