package dev.srl.core.train.run;

import java.util.List;
import java.util.Map;

/**
 * What one training step reports.
 *
 * @param step     the 1-based index of the step just finished
 * @param metrics  one flat JSON object for {@code metrics.jsonl} (fields in {@code docs/metrics.md})
 * @param samples  records for {@code samples.jsonl} (may be empty)
 * @param updated  whether the weights changed (false when the step was skipped)
 */
public record StepReport(long step, Map<String, Object> metrics, List<Map<String, Object>> samples, boolean updated) {
}
