package dev.srl.cli;

import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;
import dev.srl.core.model.TokenBatch;
import dev.srl.core.model.Transformer;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code srl logprobs}: the model's log-probability of every token of each sequence given the ones before it. */
@Command(name = "logprobs",
        mixinStandardHelpOptions = true,
        description = {
                "Reads JSON lines {\"tokens\": [ids]} and writes {\"logprobs\": [...]}: log p(t_i | t_0..t_{i-1}) for "
                        + "i >= 1 (one number fewer than tokens), under softmax(logits / temperature).",
                "Lines are scored in padded batches; the result does not depend on the batch size."},
        footer = {"", "Example:",
                "  echo '{\"tokens\": [1, 5, 9, 2]}' | srl logprobs --model models/tiny-qwen2",
                "    {\"logprobs\":[-3.12,-2.87,-3.40]}",
                "",
                "A bad line stops the command with FILE:LINE: field 'F': PROBLEM and exit code 2; with -o, no output is left."})
final class LogprobsCommand implements Callable<Integer> {

    @Mixin
    ModelIoOptions io;

    @Option(names = "--temperature", defaultValue = "1.0", paramLabel = "T", description = "softmax temperature (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N", description = "sequences per forward pass (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() throws IOException {
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        if (!(temperature > 0)) throw new IllegalArgumentException("--temperature must be > 0, got " + temperature);
        Transformer m = ModelLoading.load(io.model, io.dtype).model();
        JsonLinesFilter.run(io.input, io.output, (in, out) -> run(m, in, out));
        return 0;
    }

    private long run(Transformer m, JsonLinesReader in, Writer out) throws IOException {
        List<int[]> rows = new ArrayList<>();
        long n = 0;
        for (JsonLine line : in) {
            int[] tokens = line.requireIntArray("tokens");
            ModelLoading.checkVocabulary(line, "tokens", tokens, m);
            rows.add(tokens);
            n++;
            if (rows.size() == batchSize) flush(m, rows, out);
        }
        flush(m, rows, out);
        return n;
    }

    private void flush(Transformer m, List<int[]> rows, Writer out) throws IOException {
        if (rows.isEmpty()) return;
        INDArray lp = m.logProbs(TokenBatch.pad(rows, 0), temperature);
        StringBuilder sb = new StringBuilder();
        for (int b = 0; b < rows.size(); b++) {
            sb.setLength(0);
            sb.append("{\"logprobs\":[");
            for (int t = 1; t < rows.get(b).length; t++) {
                if (t > 1) sb.append(',');
                sb.append(lp.getDouble(b, t));
            }
            out.write(sb.append("]}\n").toString());
        }
        rows.clear();
    }
}
