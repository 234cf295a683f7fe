package dev.attend.web;

import io.javalin.http.Context;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A binary answer: little-endian float32, row-major, its dimensions (outermost first) in the X-Shape header. */
final class FloatResponse {
    private FloatResponse() {}

    static void send(Context ctx, int[] shape, byte[] littleEndianFloats) {
        ctx.header("X-Shape", Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(",")))
                .contentType("application/octet-stream")
                .result(littleEndianFloats);
    }

    static void send(Context ctx, int[] shape, float[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        send(ctx, shape, bytes.array());
    }
}
