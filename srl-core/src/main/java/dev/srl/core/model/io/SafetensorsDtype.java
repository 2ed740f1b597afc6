package dev.srl.core.model.io;

/**
 * The safetensors element types this library reads and writes. Other types of the format (integers, FP8,
 * booleans) are refused by name when a file uses them: model weights never need them.
 *
 * <pre>{@code
 * SafetensorsDtype t = SafetensorsDtype.fromName("BF16");   // null for unsupported names
 * int bytes = t.byteSize();                                 // 2
 * }</pre>
 */
public enum SafetensorsDtype {
    F64(8), F32(4), F16(2), BF16(2);

    private final int byteSize;

    SafetensorsDtype(int byteSize) { this.byteSize = byteSize; }

    /** Bytes per element. */
    public int byteSize() { return byteSize; }

    /** The type with this header name, or {@code null} if the name is not one of ours. */
    public static SafetensorsDtype fromName(String name) {
        for (SafetensorsDtype t : values()) if (t.name().equals(name)) return t;
        return null;
    }
}
