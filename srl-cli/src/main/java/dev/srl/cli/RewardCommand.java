package dev.srl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.reward.ResponseParser;
import dev.srl.core.reward.StepSimilarityReward;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code srl reward}: SRL's step reward for responses against expert steps. */
@Command(name = "reward",
        mixinStandardHelpOptions = true,
        description = {
                "Scores model responses with SRL's step reward: -1 when the format is broken, otherwise the "
                        + "difflib similarity (2M/T) of the response's action and the expert step.",
                "Reads JSON lines with string fields \"response\" and \"expert\" and writes each line back, every "
                        + "other field kept, with \"reward\", \"similarity\" (null when the format is broken), "
                        + "\"format_ok\", \"action\" and \"format_problem\" (null when the format is fine).",
                "A response is '<think>...</think>' and then the action, optionally wrapped in "
                        + "'<solution>...</solution>'; see ResponseParser for every rule.",
        },
        footer = {
                "",
                "Examples:",
                "  echo '{\"response\": \"<think>add</think> 3+4=7\", \"expert\": \"3 + 4 = 7\"}' | srl reward",
                "  {\"response\":\"<think>add</think> 3+4=7\",\"expert\":\"3 + 4 = 7\",\"reward\":0.7142857142857143,"
                        + "\"similarity\":0.7142857142857143,\"format_ok\":true,\"action\":\"3+4=7\",\"format_problem\":null}",
                "  srl reward --input rollouts.jsonl --output scored.jsonl --autojunk",
                "",
                "Bad input stops with one line naming the file, line and field, and exit code 2; with --output no "
                        + "file is written.",
        })
final class RewardCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "JSONL input (default: standard input)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "JSONL output, written atomically (default: standard output)")
    Path output;

    @Option(names = "--autojunk", description = "Turn on difflib's autojunk heuristic (Python's default; off by default here "
            + "because it collapses the similarity of steps of 200+ characters).")
    boolean autojunk;

    @Option(names = "--prompt-opens-think", description = "The prompt already ends with <think>, so responses start "
            + "inside the monologue.")
    boolean promptOpensThink;

    @Override
    public Integer call() throws Exception {
        StepSimilarityReward reward = new StepSimilarityReward(new ResponseParser(promptOpensThink), autojunk);
        JsonLinesFilter.run(input, output, line -> {
            String response = line.requireText("response");
            String expert = line.requireText("expert");
            StepSimilarityReward.Score s = reward.score(response, expert);
            ObjectNode out = ((ObjectNode) line.node()).deepCopy();
            out.put("reward", s.reward());
            if (Double.isNaN(s.similarity())) out.putNull("similarity"); else out.put("similarity", s.similarity());
            out.put("format_ok", s.formatOk());
            out.put("action", s.action());
            out.put("format_problem", s.problem());
            return out;
        });
        return 0;
    }
}
