package dev.srl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.AtomicOutput;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.tokenizer.Tokenizers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code srl tokenize}: JSON lines of text to token ids, or back with {@code --decode}. */
@Command(name = "tokenize",
        mixinStandardHelpOptions = true,
        description = {
                "Encodes JSON lines {\"text\": ...} into {\"ids\": [...]}, or with --decode turns {\"ids\": [...]} back "
                        + "into {\"text\": ...}. Special tokens written in the text (<|im_start|>, <think>) become their ids.",
                "The tokenizer is a tokenizer.json (Hugging Face byte-level BPE, or this project's character "
                        + "vocabulary) or a model folder holding one."},
        footer = {"",
                "Examples:",
                "  echo '{\"text\": \"<|im_start|>user\\nHello<|im_end|>\"}' | srl tokenize --tokenizer models/qwen2.5-0.5b",
                "    {\"ids\":[151644,872,198,9707,151645]}",
                "  echo '{\"ids\": [9707, 1879]}' | srl tokenize --tokenizer models/qwen2.5-0.5b --decode",
                "    {\"text\":\"Hello world\"}",
                "  srl tokenize --tokenizer runs/a/checkpoints/step-100 -i prompts.jsonl -o ids.jsonl --stats",
                "",
                "A bad line stops the command with FILE:LINE: field 'F': PROBLEM and exit code 2; with -o, no output is left."})
final class TokenizeCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Option(names = "--tokenizer", required = true, paramLabel = "PATH",
            description = "tokenizer.json, or a model folder that holds one")
    Path tokenizerPath;

    @Option(names = "--decode", description = "read {\"ids\": [...]} and write {\"text\": ...}")
    boolean decode;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "JSONL input (default: standard input)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "JSONL output, written atomically (default: standard output)")
    Path output;

    @Option(names = "--stats", description = "print load time, counts and throughput (characters/s) to standard error")
    boolean stats;

    @Override
    public Integer call() throws IOException {
        long t0 = System.nanoTime();
        Tokenizer tokenizer = Tokenizers.load(tokenizerPath);
        long loaded = System.nanoTime();
        long[] counts = new long[3]; // lines, characters, tokens
        long work;
        try (JsonLinesReader in = input == null
                ? JsonLinesReader.of(System.in, "<stdin>", false)
                : JsonLinesReader.open(input, false)) {
            if (output == null) {
                Writer w = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
                work = run(tokenizer, in, w, counts);
                w.flush();
            } else {
                try (AtomicOutput out = AtomicOutput.create(output)) {
                    work = run(tokenizer, in, out.writer(), counts);
                    out.commit();
                }
            }
        }
        if (stats) {
            PrintStream err = System.err;
            double seconds = work / 1e9;
            err.printf("srl tokenize: loaded %s in %.2f s (vocabulary %d); %d lines, %d characters, %d tokens; "
                            + "%s in %.3f s = %.0f characters/s%n",
                    tokenizerPath, (loaded - t0) / 1e9, tokenizer.vocabSize(), counts[0], counts[1], counts[2],
                    decode ? "decoded" : "encoded", seconds, seconds > 0 ? counts[1] / seconds : 0.0);
        }
        return 0;
    }

    /** Converts every line and returns the nanoseconds spent in the tokenizer alone. */
    private long run(Tokenizer tokenizer, JsonLinesReader in, Writer out, long[] counts) throws IOException {
        long nanos = 0;
        StringBuilder sb = new StringBuilder();
        for (JsonLine line : in) {
            sb.setLength(0);
            if (decode) {
                int[] ids = line.requireIntArray("ids");
                long t = System.nanoTime();
                String text;
                try {
                    text = tokenizer.decode(ids);
                } catch (IllegalArgumentException e) {
                    throw line.error("ids", e.getMessage());
                }
                nanos += System.nanoTime() - t;
                ObjectNode node = MAPPER.createObjectNode().put("text", text);
                sb.append(MAPPER.writeValueAsString(node));
                counts[1] += text.length();
                counts[2] += ids.length;
            } else {
                String text = line.requireText("text");
                long t = System.nanoTime();
                int[] ids;
                try {
                    ids = tokenizer.encode(text);
                } catch (IllegalArgumentException e) {
                    throw line.error("text", e.getMessage());
                }
                nanos += System.nanoTime() - t;
                sb.append("{\"ids\":[");
                for (int i = 0; i < ids.length; i++) {
                    if (i > 0) sb.append(',');
                    sb.append(ids[i]);
                }
                sb.append("]}");
                counts[1] += text.length();
                counts[2] += ids.length;
            }
            counts[0]++;
            out.write(sb.append('\n').toString());
        }
        return nanos;
    }
}
