package dev.srl.core.model.io;

import java.util.Arrays;

/**
 * One entry of a safetensors header: where a tensor's bytes lie in the data section of its file.
 *
 * @param name   the tensor's name, e.g. {@code model.layers.0.self_attn.q_proj.weight}
 * @param dtype  element type on disk
 * @param shape  dimensions, row-major (C order); empty for a scalar. Do not modify.
 * @param begin  first byte, relative to the start of the data section
 * @param end    one past the last byte
 */
public record TensorInfo(String name, SafetensorsDtype dtype, long[] shape, long begin, long end) {

    /** Number of elements (1 for a scalar). The header was checked, so this cannot overflow. */
    public long numel() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** Bytes on disk. */
    public long byteSize() { return end - begin; }

    /** The shape written like {@code [896, 4864]}. */
    public String shapeString() { return Arrays.toString(shape); }
}
