package dev.srl.core.model.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.AtomicOutput;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

import java.io.IOException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes named ND4J arrays as one safetensors file, through a temporary sibling renamed into place, so a
 * failure never leaves a partial file. Tensors are stored in name order, C order, little-endian; the JSON
 * header is padded with spaces to a multiple of 8 bytes so that every tensor starts aligned.
 * Arrays are streamed out in chunks: writing needs no second copy of the model.
 *
 * <pre>{@code
 * SafetensorsWriter.write(Path.of("model.safetensors"), weights, Map.of("format", "pt"));      // F32 (F64 for DOUBLE arrays)
 * SafetensorsWriter.write(Path.of("model-bf16.safetensors"), weights, Map.of(), SafetensorsDtype.BF16);
 * }</pre>
 */
public final class SafetensorsWriter {
    private static final int CHUNK_ELEMENTS = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    /** Writes each array in its own precision: DOUBLE arrays as F64, all others as F32. */
    public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) throws IOException {
        write(file, tensors, metadata, null);
    }

    /**
     * Writes every array as {@code dtype} (F32, F64 or BF16; BF16 rounds to nearest even), or each in its
     * own precision when {@code dtype} is null.
     */
    public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata,
                             SafetensorsDtype dtype) throws IOException {
        if (dtype == SafetensorsDtype.F16) throw new IllegalArgumentException("writing F16 is not supported; use F32 or BF16");
        Map<String, INDArray> sorted = new TreeMap<>(tensors);
        if (sorted.containsKey("__metadata__")) throw new IllegalArgumentException("'__metadata__' is not a tensor name");

        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            new TreeMap<>(metadata).forEach(meta::put);
        }
        Map<String, SafetensorsDtype> types = new TreeMap<>();
        long offset = 0;
        for (Map.Entry<String, INDArray> e : sorted.entrySet()) {
            INDArray a = e.getValue();
            SafetensorsDtype t = dtype != null ? dtype
                    : a.dataType() == DataType.DOUBLE ? SafetensorsDtype.F64 : SafetensorsDtype.F32;
            types.put(e.getKey(), t);
            ObjectNode entry = header.putObject(e.getKey());
            entry.put("dtype", t.name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : a.shape()) shape.add(d);
            long bytes = a.length() * t.byteSize();
            entry.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;

        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = siblingName(target, "tmp");
        try {
            // CREATE_NEW rather than Files.createTempFile, whose owner-only permissions would stick to the result.
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ByteBuffer head = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
                head.putLong(padded).put(json);
                while (head.hasRemaining()) head.put((byte) ' ');
                writeFully(ch, head.flip());
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_ELEMENTS * 8).order(ByteOrder.LITTLE_ENDIAN);
                for (Map.Entry<String, INDArray> e : sorted.entrySet()) {
                    writeTensor(ch, contiguous(e.getValue()), types.get(e.getKey()), chunk);
                }
            }
            AtomicOutput.moveIntoPlace(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A hidden, unused name beside {@code target}, like {@code .model.safetensors.tmp-3f2a9c}. */
    static Path siblingName(Path target, String tag) {
        return target.resolveSibling("." + target.getFileName() + "." + tag + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
    }

    /** A FLOAT or DOUBLE array whose buffer holds exactly its elements in C order. */
    private static INDArray contiguous(INDArray a) {
        if (a.dataType() != DataType.FLOAT && a.dataType() != DataType.DOUBLE) a = a.castTo(DataType.FLOAT);
        if (a.isEmpty()) return a;
        boolean plain = !a.isView() && a.offset() == 0 && a.ordering() == 'c'
                && a.data().length() == a.length() && Shape.hasDefaultStridesForShape(a);
        return plain ? a : a.dup('c');
    }

    private static void writeTensor(FileChannel ch, INDArray a, SafetensorsDtype out, ByteBuffer chunk) throws IOException {
        long n = a.length();
        if (n == 0 || a.isEmpty()) return;
        boolean isFloat = a.dataType() == DataType.FLOAT;
        int srcSize = isFloat ? 4 : 8;
        BytePointer base = new BytePointer(a.data().addressPointer());
        for (long first = 0; first < n; first += CHUNK_ELEMENTS) {
            int count = (int) Math.min(CHUNK_ELEMENTS, n - first);
            BytePointer window = new BytePointer(base);
            window.position(first * srcSize).limit((first + count) * srcSize);
            ByteBuffer src = window.asByteBuffer().order(ByteOrder.nativeOrder());
            chunk.clear();
            if (isFloat) encode(src.asFloatBuffer(), out, chunk);
            else encode(src.asDoubleBuffer(), out, chunk);
            chunk.flip();
            writeFully(ch, chunk);
        }
        // Only the raw address is used above: keep the array (and so its native memory) alive until here.
        Reference.reachabilityFence(a);
    }

    private static void encode(FloatBuffer s, SafetensorsDtype out, ByteBuffer dst) {
        int n = s.remaining();
        switch (out) {
            case F32 -> dst.asFloatBuffer().put(s);
            case F64 -> { DoubleBuffer d = dst.asDoubleBuffer(); while (s.hasRemaining()) d.put(s.get()); }
            case BF16 -> { var d = dst.asShortBuffer(); while (s.hasRemaining()) d.put(HalfFloats.floatToBf16(s.get())); }
            case F16 -> throw new IllegalArgumentException("F16");
        }
        dst.position(n * out.byteSize());
    }

    private static void encode(DoubleBuffer s, SafetensorsDtype out, ByteBuffer dst) {
        int n = s.remaining();
        switch (out) {
            case F64 -> dst.asDoubleBuffer().put(s);
            case F32 -> { FloatBuffer d = dst.asFloatBuffer(); while (s.hasRemaining()) d.put((float) s.get()); }
            case BF16 -> { var d = dst.asShortBuffer(); while (s.hasRemaining()) d.put(HalfFloats.floatToBf16((float) s.get())); }
            case F16 -> throw new IllegalArgumentException("F16");
        }
        dst.position(n * out.byteSize());
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) ch.write(buf);
    }
}
