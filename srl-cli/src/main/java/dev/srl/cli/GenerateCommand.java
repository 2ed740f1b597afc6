package dev.srl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.io.JsonLine;
import dev.srl.core.io.JsonLinesReader;
import dev.srl.core.model.Completion;
import dev.srl.core.model.SamplingParams;
import dev.srl.core.model.Transformer;
import dev.srl.core.tokenizer.Tokenizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;

/** {@code srl generate}: continues each prompt with the model (KV-cache decoding, prompts batched). */
@Command(name = "generate",
        mixinStandardHelpOptions = true,
        description = {
                "Reads JSON lines {\"tokens\": [ids]} or {\"text\": \"...\"} (text needs the folder's tokenizer.json) and "
                        + "writes {\"tokens\": [new ids], \"text\": \"...\", \"logprobs\": [...], \"finish_reason\": "
                        + "\"stop_token\" | \"stop_string\" | \"length\"}.",
                "Generation stops at the model's end-of-sequence ids (config.json / generation_config.json) unless "
                        + "--ignore-eos, at any --stop string, or after --max-new-tokens. Log-probs are those of "
                        + "softmax(logits / temperature) before top-k/top-p (temperature 1 with --greedy).",
                "The same --seed gives the same output for the same input and --batch-size."},
        footer = {"", "Examples:",
                "  echo '{\"text\": \"Once upon\"}' | srl generate --model models/tiny-qwen2 --greedy --max-new-tokens 20",
                "  srl generate --model runs/a/checkpoints/step-100 -i prompts.jsonl -o out.jsonl \\",
                "      --temperature 0.8 --top-p 0.95 --seed 7 --max-new-tokens 256 --stop '</answer>'"})
final class GenerateCommand implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Mixin
    ModelIoOptions io;

    @Option(names = "--greedy", description = "always take the most likely token")
    boolean greedy;

    @Option(names = "--temperature", defaultValue = "1.0", paramLabel = "T", description = "sampling temperature (default: ${DEFAULT-VALUE})")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K", description = "keep the K most likely tokens; 0 keeps all (default: ${DEFAULT-VALUE})")
    int topK;

    @Option(names = "--top-p", defaultValue = "1.0", paramLabel = "P", description = "nucleus sampling mass; 1 keeps all (default: ${DEFAULT-VALUE})")
    double topP;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--max-new-tokens", defaultValue = "64", paramLabel = "N", description = "most tokens per completion (default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--stop", paramLabel = "TEXT", description = "stop once the generated text contains TEXT (repeatable; needs a tokenizer)")
    List<String> stops = new ArrayList<>();

    @Option(names = "--ignore-eos", description = "do not stop at end-of-sequence ids")
    boolean ignoreEos;

    @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N", description = "prompts decoded together (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Override
    public Integer call() throws IOException {
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        ModelLoading.Loaded loaded = ModelLoading.load(io.model, io.dtype);
        Tokenizer tok = loaded.tokenizer();
        if (!stops.isEmpty() && tok == null) throw new IllegalArgumentException("--stop needs a tokenizer.json in " + io.model);
        List<Integer> stopIds = ignoreEos ? List.of() : loaded.model().config().eosTokenIds();
        SamplingParams params = new SamplingParams(maxNewTokens, greedy ? 0 : temperature, greedy ? 0 : topK,
                greedy ? 1 : topP, stopIds, stops);
        Random rng = new Random(seed);
        JsonLinesFilter.run(io.input, io.output, (in, out) -> run(loaded.model(), tok, params, rng, in, out));
        return 0;
    }

    private long run(Transformer m, Tokenizer tok, SamplingParams params, Random rng, JsonLinesReader in, Writer out)
            throws IOException {
        long n = 0;
        List<int[]> prompts = new ArrayList<>();
        for (JsonLine line : in) {
            int[] ids;
            String field;
            if (line.node().has("tokens")) {
                field = "tokens";
                ids = line.requireIntArray("tokens");
            } else {
                field = "text";
                String text = line.requireText("text");
                if (tok == null) throw line.error("text", "the model folder has no tokenizer.json; give \"tokens\" instead");
                ids = tok.encode(text);
            }
            if (ids.length == 0) throw line.error(field, "the prompt is empty");
            ModelLoading.checkVocabulary(line, field, ids, m);
            prompts.add(ids);
            n++;
            if (prompts.size() == batchSize) flush(m, tok, params, rng, prompts, out);
        }
        flush(m, tok, params, rng, prompts, out);
        return n;
    }

    private static void flush(Transformer m, Tokenizer tok, SamplingParams params, Random rng, List<int[]> prompts,
                              Writer out) throws IOException {
        if (prompts.isEmpty()) return;
        List<Completion> done = m.sample(prompts, params, rng, tok == null ? null : tok::decode);
        for (Completion c : done) {
            ObjectNode o = MAPPER.createObjectNode();
            ArrayNode ids = o.putArray("tokens");
            for (int t : c.tokens()) ids.add(t);
            if (tok != null) o.put("text", tok.decode(c.tokens()));
            ArrayNode lps = o.putArray("logprobs");
            for (float lp : c.logProbs()) lps.add(lp);
            o.put("finish_reason", c.finishReason().name().toLowerCase(Locale.ROOT));
            out.write(MAPPER.writeValueAsString(o) + "\n");
        }
        prompts.clear();
    }
}
