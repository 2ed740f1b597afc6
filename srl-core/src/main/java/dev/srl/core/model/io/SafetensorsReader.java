package dev.srl.core.model.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.io.DataFormatException;
import org.bytedeco.javacpp.BytePointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads one safetensors file: 8 bytes of little-endian header length N, N bytes of JSON header, then the
 * data section. The whole header is validated when the file is opened, before any tensor memory is
 * allocated; tensors are then memory-mapped and converted one at a time.
 *
 * <p>A file is refused, with a message naming the file and the tensor, when its header is longer than
 * 100 MB or than the file, is not a JSON object, repeats a key, uses an unsupported dtype, has a negative
 * dimension, a shape whose size disagrees with its byte range, or byte ranges that leave the data section,
 * overlap, leave a gap, or do not end exactly at the end of the file. These are the rules of the reference
 * implementation ({@code huggingface/safetensors}), which also rejects gaps.
 *
 * <pre>{@code
 * try (var in = SafetensorsReader.open(Path.of("model.safetensors"))) {
 *     for (String name : in.names()) System.out.println(name + " " + in.info(name).shapeString());
 *     INDArray w = in.read("model.norm.weight", DataType.FLOAT);
 * }
 * }</pre>
 */
public final class SafetensorsReader implements TensorSource {
    /** The format's cap on the header, checked before the header is read. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** Elements converted per mapping: at most 1 GB of source or destination bytes (tests lower it). */
    static long windowElements = 1L << 27;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsReader(Path file, FileChannel channel, long dataStart,
                              Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Opens and validates a file; see the class comment for what is refused. */
    public static SafetensorsReader open(Path file) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return parse(file, ch);
        } catch (RuntimeException | IOException e) {
            ch.close();
            throw e;
        }
    }

    private static SafetensorsReader parse(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) throw error(file, null, "file is " + size + " bytes, too short for the 8-byte header length");
        ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, lenBuf, 0);
        long n = lenBuf.getLong(0);
        // Checked before allocating: a hostile length must not make us reserve memory.
        if (n < 0 || n > MAX_HEADER_BYTES) {
            throw error(file, null, "header length " + Long.toUnsignedString(n) + " exceeds the 100 MB limit");
        }
        if (n > size - 8) {
            throw error(file, null, "header length " + n + " is larger than the rest of the file (" + (size - 8) + " bytes)");
        }
        ByteBuffer header = ByteBuffer.allocate((int) n);
        readFully(ch, header, 8);
        JsonNode root;
        try {
            root = JSON.readTree(header.array());
        } catch (JsonProcessingException e) {
            throw error(file, null, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw error(file, null, "header is not a JSON object");

        long dataLength = size - 8 - n;
        Map<String, String> metadata = Map.of();
        List<TensorInfo> list = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                metadata = parseMetadata(file, e.getValue());
            } else {
                list.add(parseEntry(file, e.getKey(), e.getValue(), dataLength));
            }
        }
        checkLayout(file, list, dataLength);
        Map<String, TensorInfo> byName = new LinkedHashMap<>();
        for (TensorInfo t : list) byName.put(t.name(), t);
        return new SafetensorsReader(file, ch, 8 + n, Collections.unmodifiableMap(byName), metadata);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (node.isNull()) return Map.of();
        if (!node.isObject()) throw error(file, null, "__metadata__ must be an object of strings");
        Map<String, String> m = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw error(file, null, "__metadata__ value '" + e.getKey() + "' is not a string");
            }
            m.put(e.getKey(), e.getValue().textValue());
        }
        return Collections.unmodifiableMap(m);
    }

    private static TensorInfo parseEntry(Path file, String name, JsonNode node, long dataLength) {
        if (!node.isObject()) throw error(file, name, "header entry is not an object");
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) throw error(file, name, "missing string field 'dtype'");
        SafetensorsDtype dtype = SafetensorsDtype.fromName(dt.textValue());
        if (dtype == null) {
            throw error(file, name, "dtype '" + dt.textValue() + "' is not supported (supported: F32, F16, BF16, F64)");
        }
        JsonNode sh = node.get("shape");
        if (sh == null || !sh.isArray()) throw error(file, name, "missing array field 'shape'");
        long[] shape = new long[sh.size()];
        long numel = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = sh.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToLong()) throw error(file, name, "shape[" + i + "] is not an integer");
            shape[i] = d.longValue();
            if (shape[i] < 0) throw error(file, name, "shape[" + i + "] is negative (" + shape[i] + ")");
            try {
                numel = Math.multiplyExact(numel, shape[i]);
            } catch (ArithmeticException overflow) {
                throw error(file, name, "shape " + sh + " has more elements than a file can hold");
            }
        }
        JsonNode off = node.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2
                || !off.get(0).isIntegralNumber() || !off.get(1).isIntegralNumber()
                || !off.get(0).canConvertToLong() || !off.get(1).canConvertToLong()) {
            throw error(file, name, "data_offsets must be an array of two integers");
        }
        long begin = off.get(0).longValue(), end = off.get(1).longValue();
        if (begin < 0 || end < begin) throw error(file, name, "data_offsets [" + begin + ", " + end + "] are not an ordered pair");
        if (end > dataLength) {
            throw error(file, name, "data_offsets [" + begin + ", " + end + "] run past the data section ("
                    + dataLength + " bytes)");
        }
        long expected;
        try {
            expected = Math.multiplyExact(numel, dtype.byteSize());
        } catch (ArithmeticException overflow) {
            expected = -1;
        }
        if (expected != end - begin) {
            throw error(file, name, "shape " + sh + " of " + dtype + " needs " + (expected < 0 ? "more than 2^63" : expected)
                    + " bytes but data_offsets span " + (end - begin));
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    /** The data section must be tiled exactly: sorted by offset, each tensor starts where the previous ended. */
    private static void checkLayout(Path file, List<TensorInfo> list, long dataLength) {
        list.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
        long cursor = 0;
        String previous = null;
        for (TensorInfo t : list) {
            if (t.begin() < cursor) {
                throw error(file, t.name(), "bytes [" + t.begin() + ", " + t.end() + ") overlap tensor '" + previous + "'");
            }
            if (t.begin() > cursor) {
                throw error(file, t.name(), "gap of " + (t.begin() - cursor) + " unused bytes before this tensor"
                        + (previous == null ? "" : " (after '" + previous + "')"));
            }
            cursor = t.end();
            previous = t.name();
        }
        if (cursor != dataLength) {
            throw error(file, previous, "the data section has " + (dataLength - cursor)
                    + " bytes after the last tensor; the header does not cover the file");
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            int r = ch.read(buf, position + buf.position());
            if (r < 0) throw new IOException("unexpected end of file");
        }
    }

    static DataFormatException error(Path file, String tensor, String problem) {
        return new DataFormatException(file.toString(), 0, null,
                (tensor == null ? "" : "tensor '" + tensor + "': ") + problem);
    }

    /** The file this reader reads. */
    public Path file() { return file; }

    @Override public Set<String> names() { return tensors.keySet(); }

    @Override public boolean contains(String name) { return tensors.containsKey(name); }

    @Override
    public TensorInfo info(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) throw error(file, name, "no such tensor in this file");
        return t;
    }

    @Override public Path fileOf(String name) { return file; }

    @Override public Map<String, String> metadata() { return metadata; }

    @Override
    public INDArray read(String name, DataType type) {
        TensorInfo t = info(name);
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("tensors are read as FLOAT or DOUBLE, not " + type);
        }
        long numel = t.numel();
        if (numel == 0) return Nd4j.create(type, t.shape(), 'c');
        INDArray out = Nd4j.createUninitialized(type, t.shape(), 'c');
        int size = type == DataType.FLOAT ? 4 : 8;
        BytePointer base = new BytePointer(out.data().addressPointer());
        for (long first = 0; first < numel; first += windowElements) {
            long count = Math.min(windowElements, numel - first);
            BytePointer window = new BytePointer(base);
            window.position(first * size).limit((first + count) * size);
            ByteBuffer dst = window.asByteBuffer().order(ByteOrder.nativeOrder());
            ByteBuffer src = map(t, first, count);
            if (type == DataType.FLOAT) convert(src, t.dtype(), dst.asFloatBuffer());
            else convert(src, t.dtype(), dst.asDoubleBuffer());
        }
        return out;   // returning it keeps the array's native memory alive while its raw address is in use
    }

    @Override
    public float[] readFloats(String name) {
        TensorInfo t = info(name);
        long numel = t.numel();
        if (numel > Integer.MAX_VALUE - 8) throw error(file, name, "too large for a Java array (" + numel + " elements)");
        float[] out = new float[(int) numel];
        for (long first = 0; first < numel; first += windowElements) {
            long count = Math.min(windowElements, numel - first);
            convert(map(t, first, count), t.dtype(), FloatBuffer.wrap(out, (int) first, (int) count).slice());
        }
        return out;
    }

    private ByteBuffer map(TensorInfo t, long firstElement, long count) {
        int size = t.dtype().byteSize();
        try {
            return channel.map(FileChannel.MapMode.READ_ONLY, dataStart + t.begin() + firstElement * size, count * size)
                    .order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": tensor '" + t.name() + "': " + e.getMessage(), e);
        }
    }

    private static void convert(ByteBuffer src, SafetensorsDtype dtype, FloatBuffer dst) {
        switch (dtype) {
            case F32 -> dst.put(src.asFloatBuffer());
            case F64 -> { var s = src.asDoubleBuffer(); while (s.hasRemaining()) dst.put((float) s.get()); }
            case BF16 -> { var s = src.asShortBuffer(); while (s.hasRemaining()) dst.put(HalfFloats.bf16ToFloat(s.get())); }
            case F16 -> { var s = src.asShortBuffer(); while (s.hasRemaining()) dst.put(HalfFloats.f16ToFloat(s.get())); }
        }
    }

    private static void convert(ByteBuffer src, SafetensorsDtype dtype, DoubleBuffer dst) {
        switch (dtype) {
            case F64 -> dst.put(src.asDoubleBuffer());
            case F32 -> { var s = src.asFloatBuffer(); while (s.hasRemaining()) dst.put(s.get()); }
            case BF16 -> { var s = src.asShortBuffer(); while (s.hasRemaining()) dst.put(HalfFloats.bf16ToFloat(s.get())); }
            case F16 -> { var s = src.asShortBuffer(); while (s.hasRemaining()) dst.put(HalfFloats.f16ToFloat(s.get())); }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
