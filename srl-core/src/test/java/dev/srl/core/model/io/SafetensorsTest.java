package dev.srl.core.model.io;

import dev.srl.core.io.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.srl.core.model.io.RawSafetensors.*;
import static org.junit.jupiter.api.Assertions.*;

class SafetensorsTest {
    @TempDir Path dir;

    @Test
    void f32RoundTripKeepsBitsShapesAndMetadata() throws IOException {
        Map<String, INDArray> t = new LinkedHashMap<>();
        t.put("b.matrix", Nd4j.create(new float[]{1.5f, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, 3e-39f}, new long[]{2, 3}, 'c'));
        t.put("a.vector", Nd4j.create(new float[]{7, 8, 9}, new long[]{3}, 'c'));
        t.put("c.scalar", Nd4j.scalar(2.25f));
        t.put("d.empty", Nd4j.create(DataType.FLOAT, 0, 4));
        Path f = dir.resolve("m.safetensors");
        SafetensorsWriter.write(f, t, Map.of("format", "pt", "note", "x"));

        long headerLen = ByteBuffer.wrap(Files.readAllBytes(f), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLen % 8, "header padded so tensors start aligned");
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            assertEquals(List.of("a.vector", "b.matrix", "c.scalar", "d.empty"), List.copyOf(r.names()));
            assertEquals(Map.of("format", "pt", "note", "x"), r.metadata());
            for (var e : t.entrySet()) {
                INDArray back = r.read(e.getKey());
                assertEquals(DataType.FLOAT, back.dataType());
                assertArrayEquals(e.getValue().shape(), back.shape(), e.getKey());
                float[] want = e.getValue().isEmpty() ? new float[0] : e.getValue().data().asFloat();
                float[] got = r.readFloats(e.getKey());
                assertEquals(want.length, got.length);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]), e.getKey() + "[" + i + "]");
                    if (!back.isEmpty()) assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(back.reshape(-1).getFloat(i)));
                }
            }
            assertEquals(SafetensorsDtype.F32, r.info("b.matrix").dtype());
            assertEquals(0, r.info("c.scalar").shape().length);
        }
    }

    @Test
    void f64RoundTripStaysDouble() throws IOException {
        INDArray x = Nd4j.create(new double[]{Math.PI, -1e-300, 1e300, 0.1}, new long[]{2, 2}, 'c');
        assertEquals(DataType.DOUBLE, x.dataType());
        Path f = dir.resolve("d.safetensors");
        SafetensorsWriter.write(f, Map.of("x", x), Map.of());
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            assertEquals(SafetensorsDtype.F64, r.info("x").dtype());
            INDArray back = r.read("x");
            assertEquals(DataType.DOUBLE, back.dataType());
            assertEquals(x, back);
            assertEquals(Math.PI, back.getDouble(0, 0), 0.0);
            assertEquals(Map.of("x", x), r.readAll());
            assertEquals((float) Math.PI, r.read("x", DataType.FLOAT).getFloat(0, 0), 0f);
        }
    }

    @Test
    void writesNonContiguousViewsInRowMajorOrder() throws IOException {
        INDArray base = Nd4j.create(new float[]{1, 2, 3, 4, 5, 6}, new long[]{2, 3}, 'c');
        INDArray transposed = base.transpose();                      // [3,2] view: 1 4 / 2 5 / 3 6
        INDArray fOrder = base.dup('f');
        Path f = dir.resolve("v.safetensors");
        SafetensorsWriter.write(f, Map.of("t", transposed, "f", fOrder), Map.of());
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            assertArrayEquals(new float[]{1, 4, 2, 5, 3, 6}, r.readFloats("t"));
            assertArrayEquals(new float[]{1, 2, 3, 4, 5, 6}, r.readFloats("f"));
        }
    }

    @Test
    void bf16WritingRoundsToNearestEven() throws IOException {
        // 1 + 2^-8 lies halfway between bf16 1.0 (0x3F80) and 1.0078125 (0x3F81): ties go to the even 0x3F80.
        // 1 + 3·2^-8 lies halfway between 0x3F81 and 0x3F82: ties go to the even 0x3F82.
        float[] in = {1f, 1.00390625f, 1.01171875f, 1.005f, -3.14159265f, 65504f, Float.POSITIVE_INFINITY};
        int[] want = {0x3F80, 0x3F80, 0x3F82, 0x3F81, 0xC049, 0x4780, 0x7F80};
        Path f = dir.resolve("b.safetensors");
        SafetensorsWriter.write(f, Map.of("x", Nd4j.create(in, new long[]{in.length}, 'c')), Map.of(), SafetensorsDtype.BF16);
        byte[] bytes = Files.readAllBytes(f);
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dataStart = 8 + (int) b.getLong(0);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], b.getShort(dataStart + 2 * i) & 0xFFFF, "element " + i + " = " + in[i]);
        }
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            assertEquals(SafetensorsDtype.BF16, r.info("x").dtype());
            float[] back = r.readFloats("x");
            assertEquals(1.0f, back[1]);
            assertEquals(1.015625f, back[2]);
            assertEquals(1.0078125f, back[3]);
            assertEquals(-3.140625f, back[4]);
            assertEquals(65536f, back[5]);
            assertEquals(Float.POSITIVE_INFINITY, back[6]);
        }
    }

    @Test
    void widensHandWrittenBf16AndF16() throws IOException {
        byte[] bf = shortsLE(0x3F80, 0xC049, 0x0000, 0x8000, 0x7F80, 0x3E80);
        byte[] hf = shortsLE(0x3C00, 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x7C00, 0xFC00, 0x3555, 0x7E00);
        String header = "{\"bf\":{\"dtype\":\"BF16\",\"shape\":[2,3],\"data_offsets\":[0,12]},"
                + "\"hf\":{\"dtype\":\"F16\",\"shape\":[9],\"data_offsets\":[12,30]}}";
        Path f = RawSafetensors.write(dir.resolve("h.safetensors"), header, concat(bf, hf));
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            INDArray b = r.read("bf");
            assertEquals(DataType.FLOAT, b.dataType());
            assertArrayEquals(new long[]{2, 3}, b.shape());
            assertEquals(1f, b.getFloat(0, 0));
            assertEquals(-3.140625f, b.getFloat(0, 1));
            assertEquals(0f, b.getFloat(0, 2));
            assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(b.getFloat(1, 0)));
            assertEquals(Float.POSITIVE_INFINITY, b.getFloat(1, 1));
            assertEquals(0.25f, b.getFloat(1, 2));
            float[] h = r.readFloats("hf");
            assertEquals(1f, h[0]);
            assertEquals(-2f, h[1]);
            assertEquals(65504f, h[2]);
            assertEquals(0x1p-24f, h[3]);                  // smallest subnormal
            assertEquals(1023 * 0x1p-24f, h[4]);           // largest subnormal
            assertEquals(Float.POSITIVE_INFINITY, h[5]);
            assertEquals(Float.NEGATIVE_INFINITY, h[6]);
            assertEquals(0.333251953125f, h[7]);
            assertTrue(Float.isNaN(h[8]));
            INDArray d = r.read("hf", DataType.DOUBLE);
            assertEquals(DataType.DOUBLE, d.dataType());
            assertEquals(65504.0, d.getDouble(2), 0.0);
        }
    }

    @Test
    void everyF16BitPatternWidensLikeTheJdkHalfFormat() {
        // Independent check of the F16 decoder: reconstruct each value from the IEEE formula.
        for (int bits = 0; bits < 0x10000; bits++) {
            int exp = (bits >>> 10) & 0x1F, mant = bits & 0x3FF;
            double sign = (bits & 0x8000) != 0 ? -1 : 1;
            float got = HalfFloats.f16ToFloat(bits);
            if (exp == 0x1F) {
                if (mant == 0) assertEquals(sign * Double.POSITIVE_INFINITY, got);
                else assertTrue(Float.isNaN(got));
                continue;
            }
            double want = exp == 0 ? sign * mant * Math.pow(2, -24) : sign * (1 + mant / 1024.0) * Math.pow(2, exp - 15);
            assertEquals(want, got, 0.0, "bits " + Integer.toHexString(bits));
        }
    }

    @Test
    void readingUnknownTensorNamesFileAndTensor() throws IOException {
        Path f = dir.resolve("one.safetensors");
        SafetensorsWriter.write(f, Map.of("w", Nd4j.ones(DataType.FLOAT, 2)), Map.of());
        try (SafetensorsReader r = SafetensorsReader.open(f)) {
            var e = assertThrows(DataFormatException.class, () -> r.read("nope"));
            assertTrue(e.getMessage().contains("one.safetensors") && e.getMessage().contains("'nope'"), e.getMessage());
        }
    }

    @Test
    void refusesF16Output() {
        assertThrows(IllegalArgumentException.class, () -> SafetensorsWriter.write(dir.resolve("x"),
                Map.of("w", Nd4j.ones(DataType.FLOAT, 2)), Map.of(), SafetensorsDtype.F16));
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void shardedIndexReadsEachTensorFromItsShard() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        SafetensorsWriter.write(model.resolve("model-00001-of-00002.safetensors"),
                Map.of("a", Nd4j.create(new float[]{1, 2}, new long[]{2}, 'c')), Map.of("format", "pt"));
        SafetensorsWriter.write(model.resolve("model-00002-of-00002.safetensors"),
                Map.of("b", Nd4j.create(new float[]{3, 4, 5, 6}, new long[]{2, 2}, 'c')), Map.of("format", "pt"));
        Files.writeString(model.resolve("model.safetensors.index.json"), "{\"metadata\":{\"total_size\":24},\"weight_map\":{"
                + "\"a\":\"model-00001-of-00002.safetensors\",\"b\":\"model-00002-of-00002.safetensors\"}}");
        try (TensorSource src = TensorSource.open(model)) {
            assertInstanceOf(SafetensorsIndex.class, src);
            assertEquals(List.of("a", "b"), List.copyOf(src.names()));
            assertArrayEquals(new float[]{3, 4, 5, 6}, src.readFloats("b"));
            assertEquals(5f, src.read("b").getFloat(1, 0));
            assertEquals("24", src.metadata().get("total_size"));
            assertTrue(src.fileOf("a").endsWith("model-00001-of-00002.safetensors"));
        }
    }

    @Test
    void shardedIndexRefusesWrongShardAndEscapingPath() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        SafetensorsWriter.write(model.resolve("s1.safetensors"), Map.of("a", Nd4j.ones(DataType.FLOAT, 2)), Map.of());
        Path index = model.resolve("model.safetensors.index.json");
        Files.writeString(index, "{\"weight_map\":{\"a\":\"s1.safetensors\",\"zz\":\"s1.safetensors\"}}");
        var e = assertThrows(DataFormatException.class, () -> SafetensorsIndex.open(index));
        assertTrue(e.getMessage().contains("s1.safetensors") && e.getMessage().contains("'zz'"), e.getMessage());

        Files.writeString(index, "{\"weight_map\":{\"a\":\"../outside.safetensors\"}}");
        e = assertThrows(DataFormatException.class, () -> SafetensorsIndex.open(index));
        assertTrue(e.getMessage().contains("outside the model folder") && e.getMessage().contains("weight_map.a"), e.getMessage());

        Files.writeString(index, "{\"metadata\":{}}");
        e = assertThrows(DataFormatException.class, () -> SafetensorsIndex.open(index));
        assertTrue(e.getMessage().contains("weight_map"), e.getMessage());
    }

    @Test
    void readsInSeveralMappingWindowsAndWritesInSeveralChunks() throws IOException {
        int n = (1 << 20) + 37;                                     // more than one writer chunk
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = i * 0.5f - 1000;
        Path f = dir.resolve("big.safetensors");
        SafetensorsWriter.write(f, Map.of("v", Nd4j.create(v, new long[]{n}, 'c'),
                "d", Nd4j.create(new double[]{1, 2, 3, 4, 5, 6, 7}, new long[]{7}, 'c')), Map.of());
        Path g = dir.resolve("big-bf16.safetensors");
        SafetensorsWriter.write(g, Map.of("v", Nd4j.create(v, new long[]{n}, 'c')), Map.of(), SafetensorsDtype.BF16);
        long saved = SafetensorsReader.windowElements;
        SafetensorsReader.windowElements = 100_003;                  // force many windows, the last one partial
        try (SafetensorsReader r = SafetensorsReader.open(f); SafetensorsReader b = SafetensorsReader.open(g)) {
            assertArrayEquals(v, r.readFloats("v"));
            assertArrayEquals(v, r.read("v", DataType.FLOAT).data().asFloat());
            double[] asDouble = r.read("v", DataType.DOUBLE).data().asDouble();
            for (int i = 0; i < n; i += 9973) assertEquals(v[i], asDouble[i], 0.0);
            assertEquals(v[n - 1], asDouble[n - 1], 0.0);
            assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6, 7}, r.read("d").data().asDouble(), 0.0);
            float[] bf = b.readFloats("v");
            for (int i = 0; i < n; i++) {
                if (bf[i] != HalfFloats.bf16ToFloat(HalfFloats.floatToBf16(v[i]))) fail("bf16 element " + i);
            }
        } finally {
            SafetensorsReader.windowElements = saved;
        }
    }
}
