package dev.srl.examples;

import dev.srl.core.model.Transformer;
import dev.srl.core.model.io.ModelFolder;
import dev.srl.core.tokenizer.Tokenizer;
import dev.srl.core.tokenizer.Tokenizers;
import dev.srl.math.bench.BenchmarkLoader;
import dev.srl.math.bench.BenchmarkProblem;
import dev.srl.math.eval.BenchmarkScore;
import dev.srl.math.evaluation.MathEvaluator;
import dev.srl.math.evaluation.PromptStyle;

import java.nio.file.Path;
import java.util.List;

/**
 * Scores a model folder (a downloaded Hugging Face model or a training checkpoint) on one math benchmark file
 * with the paper's metrics: greedy accuracy, and avg@k and pass@k of k samples at temperature 1.0.
 *
 * <pre>{@code
 * java -cp "examples/target/classes:srl-cli/target/lib/*" dev.srl.examples.EvaluateMathBenchmark \
 *     models/qwen2.5-0.5b-instruct aime24.jsonl 32 2048
 * }</pre>
 * Arguments: model folder, benchmark JSONL, samples per problem (0 = greedy only), max new tokens.
 */
public final class EvaluateMathBenchmark {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: EvaluateMathBenchmark MODEL_DIR BENCHMARK.jsonl SAMPLES MAX_NEW_TOKENS");
            System.exit(2);
        }
        Path modelDir = Path.of(args[0]);
        ModelFolder folder = ModelFolder.load(modelDir);
        Tokenizer tokenizer = Tokenizers.load(folder.tokenizerJson());
        Transformer policy = new Transformer(folder.config(), folder.weights());
        List<BenchmarkProblem> problems = BenchmarkLoader.load(Path.of(args[1]));
        var settings = new MathEvaluator.Settings(Integer.parseInt(args[2]), 1.0, Integer.parseInt(args[3]), 16, 1);
        MathEvaluator.Result result = MathEvaluator.evaluate(Path.of(args[1]).getFileName().toString(), problems, policy,
                tokenizer, PromptStyle.of(modelDir, tokenizer), folder.config().maxPositionEmbeddings(), settings);
        System.out.println(BenchmarkScore.markdown(List.of(result.score())));
    }

    private EvaluateMathBenchmark() {
    }
}
