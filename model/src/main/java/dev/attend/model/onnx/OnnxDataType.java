package dev.attend.model.onnx;

/** TensorProto.DataType codes with the byte size of one element in raw_data (0 where not fixed-size). */
public enum OnnxDataType {
    UNDEFINED(0, 0),
    FLOAT(1, 4),
    UINT8(2, 1),
    INT8(3, 1),
    UINT16(4, 2),
    INT16(5, 2),
    INT32(6, 4),
    INT64(7, 8),
    STRING(8, 0),
    BOOL(9, 1),
    FLOAT16(10, 2),
    DOUBLE(11, 8),
    UINT32(12, 4),
    UINT64(13, 8),
    BFLOAT16(16, 2),
    /** Any code this reader does not know; its data is kept out of reach. */
    OTHER(-1, 0);

    private final int code;
    private final int elementBytes;

    OnnxDataType(int code, int elementBytes) {
        this.code = code;
        this.elementBytes = elementBytes;
    }

    public static OnnxDataType of(long code) {
        for (OnnxDataType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return OTHER;
    }

    public int code() {
        return code;
    }

    /** Bytes per element in raw_data; 0 for types without a fixed size. */
    public int elementBytes() {
        return elementBytes;
    }
}
