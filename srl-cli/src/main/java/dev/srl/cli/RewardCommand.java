package dev.srl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.reward.ResponseParser;
import dev.srl.core.reward.StepSimilarityReward;
import dev.srl.swe.reward.ToolCallReward;
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
                "--task swe scores agent actions instead: the action must be exactly one tool call in the canonical "
                        + "form (<function=NAME><parameter=KEY>VALUE</parameter>...</function>), else the reward is -1; "
                        + "both calls are canonicalised (tool aliases, parameter order) before the similarity, and "
                        + "\"action\" is the response's call in canonical form.",
        },
        footer = {
                "",
                "Examples:",
                "  echo '{\"response\": \"<think>add</think> 3+4=7\", \"expert\": \"3 + 4 = 7\"}' \\",
                "    | srl reward",
                "  -> the same object plus \"reward\":0.7142857142857143,",
                "     \"similarity\":0.7142857142857143, \"format_ok\":true, \"action\":\"3+4=7\",",
                "     \"format_problem\":null",
                "  srl reward --input rollouts.jsonl --output scored.jsonl --autojunk",
                "  srl reward --task swe --input rollouts.jsonl",
                "  -> response \"<think>list</think><function=bash><parameter=command>ls -a",
                "     </parameter></function>\" against expert \"<function=bash><parameter=command>",
                "     ls</parameter></function>\": \"reward\":0.976; no tool call or two: -1",
                "",
                "Bad input stops with one line naming the file, line and field, and exit code 2; with --output no "
                        + "file is written.",
        })
final class RewardCommand implements Callable<Integer> {

    @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "JSONL input (default: standard input)")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "JSONL output, written atomically (default: standard output)")
    Path output;

    /** Which step reward scores the lines. */
    enum Task { math, swe }

    @Option(names = "--task", defaultValue = "math", paramLabel = "TASK",
            description = "math: the step-similarity reward (default); swe: the tool-call reward (canonical tool-call "
                    + "similarity, -1 unless the action is exactly one tool call).")
    Task task;

    @Option(names = "--autojunk", description = "Turn on difflib's autojunk heuristic (Python's default; off by default here "
            + "because it collapses the similarity of steps of 200+ characters).")
    boolean autojunk;

    @Option(names = "--prompt-opens-think", description = "The prompt already ends with <think>, so responses start "
            + "inside the monologue.")
    boolean promptOpensThink;

    @Override
    public Integer call() throws Exception {
        ResponseParser parser = new ResponseParser(promptOpensThink);
        StepSimilarityReward steps = new StepSimilarityReward(parser, autojunk);
        ToolCallReward toolCalls = new ToolCallReward(parser, autojunk);
        JsonLinesFilter.run(input, output, line -> {
            String response = line.requireText("response");
            String expert = line.requireText("expert");
            ObjectNode out = ((ObjectNode) line.node()).deepCopy();
            if (task == Task.swe) {
                ToolCallReward.Score s = toolCalls.score(response, expert);
                put(out, s.reward(), s.similarity(), s.problem() == null, s.call() == null ? null : s.call().canonical(), s.problem());
            } else {
                StepSimilarityReward.Score s = steps.score(response, expert);
                put(out, s.reward(), s.similarity(), s.formatOk(), s.action(), s.problem());
            }
            return out;
        });
        return 0;
    }

    private static void put(ObjectNode out, double reward, double similarity, boolean formatOk, String action, String problem) {
        out.put("reward", reward);
        if (Double.isNaN(similarity)) out.putNull("similarity"); else out.put("similarity", similarity);
        out.put("format_ok", formatOk);
        out.put("action", action);
        out.put("format_problem", problem);
    }
}
