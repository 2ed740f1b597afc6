package dev.srl.math.experiment;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * What one method spent, counted from its {@code metrics.jsonl} lines (one line per optimizer step): how the
 * matched budgets are checked rather than assumed.
 *
 * <pre>{@code
 * Budget b = Budget.of(metricsRows, 8, 32);
 * assert b.steps() == 24;
 * }</pre>
 *
 * @param steps            optimizer steps taken (logged lines)
 * @param updates          steps that changed the weights (a GRPO step whose every group was filtered does not)
 * @param sequencesSampled rollouts generated (RL), or expert solutions read (SFT)
 * @param sequencesTrained rollouts in the update batches (RL, after dynamic sampling), or expert solutions (SFT)
 */
public record Budget(int steps, int updates, long sequencesSampled, long sequencesTrained) {

    /**
     * @param groupSize G of the GRPO runs
     * @param sftBatch  examples per SFT step (lines without {@code groups_kept} are SFT lines)
     */
    public static Budget of(List<JsonNode> rows, int groupSize, int sftBatch) {
        int updates = 0;
        long sampled = 0, trained = 0;
        for (JsonNode r : rows) {
            if (!r.path("skipped").asBoolean(false)) updates++;
            if (r.has("groups_kept")) {
                long kept = r.get("groups_kept").asLong();
                trained += kept * groupSize;
                sampled += (kept + r.path("groups_filtered").asLong()) * groupSize;
            } else {
                trained += sftBatch;
                sampled += sftBatch;
            }
        }
        return new Budget(rows.size(), updates, sampled, trained);
    }
}
