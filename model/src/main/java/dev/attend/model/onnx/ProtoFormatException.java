package dev.attend.model.onnx;

/** Bytes that are not valid protobuf wire format; readers turn it into a ModelException naming the file. */
public final class ProtoFormatException extends RuntimeException {
    public ProtoFormatException(String message) {
        super(message);
    }
}
