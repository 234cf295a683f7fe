package dev.attend.model.onnx;

/**
 * An AttributeProto. Like the proto it is a union: {@code type} (AttributeProto.AttributeType code: 1 FLOAT,
 * 2 INT, 3 STRING, 4 TENSOR, 6 FLOATS, 7 INTS) says which of the other fields carries the value; the rest
 * hold their defaults. Sub-graph and sparse-tensor attributes are not decoded.
 */
public record OnnxAttribute(String name, int type, float f, long i, String s, OnnxTensor t, float[] floats,
                            long[] ints) {}
