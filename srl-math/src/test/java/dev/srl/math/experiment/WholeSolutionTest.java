package dev.srl.math.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.srl.core.reward.ParsedResponse;
import dev.srl.core.reward.ResponseParser;
import dev.srl.core.reward.StepSimilarityReward;
import dev.srl.math.answer.MathAnswerReward;
import dev.srl.math.curriculum.Difficulty;
import dev.srl.math.curriculum.GeneratedProblem;
import dev.srl.math.curriculum.ProblemGenerator;
import dev.srl.math.curriculum.ProblemKind;
import dev.srl.math.curriculum.SyntheticCurriculum;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WholeSolutionTest {

    private static GeneratedProblem problem() {
        return SyntheticCurriculum.make(new ProblemGenerator(new Difficulty(3, 3, 1), EnumSet.allOf(ProblemKind.class)), 5, 1, 0)
                .train().get(0);
    }

    @Test
    void theExpertResponseIsOneSrlResponseHoldingEveryStepAndTheAnswer() {
        GeneratedProblem p = problem();
        ParsedResponse r = new ResponseParser().parse(WholeSolution.response(p));
        assertTrue(r.formatOk(), r.problem());
        assertEquals(WholeSolution.expert(p), r.action());
        assertEquals(3, p.steps().size());
        for (var step : p.steps()) assertTrue(r.action().contains(step.action().strip()));
        assertEquals(1.0, new MathAnswerReward().score(WholeSolution.response(p), p.answer()));
        assertEquals(1.0, new StepSimilarityReward().score(WholeSolution.response(p), WholeSolution.expert(p)).reward(), 1e-12);
    }

    @Test
    void wholeModeAndStepModePromptsDiffer() {
        GeneratedProblem p = problem();
        assertNotEquals(dev.srl.math.evaluation.CompactStepPrompt.prompt(p.problem(), List.of()), WholeSolution.prompt(p.problem()));
        assertTrue(WholeSolution.prompt(p.problem()).contains(WholeSolution.MARK));
    }

    @Test
    void budgetCountsStepsUpdatesAndSequencesFromMetricsLines() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        rows.add(json.readTree("{\"step\":1,\"groups_kept\":2,\"groups_filtered\":3}"));
        rows.add(json.readTree("{\"step\":2,\"groups_kept\":0,\"groups_filtered\":4,\"skipped\":true}"));
        Budget b = Budget.of(rows, 8, 16);
        assertEquals(new Budget(2, 1, (2 + 3 + 4) * 8, 2 * 8), b);
        assertEquals(new Budget(1, 1, 16, 16), Budget.of(List.of(json.readTree("{\"step\":1,\"loss\":0.5}")), 8, 16));
    }

    @Test
    void unknownScaleIsRefusedByName() {
        var e = assertThrows(IllegalArgumentException.class, () -> ExperimentConfig.forScale("huge", 1));
        assertTrue(e.getMessage().contains("huge"));
    }
}
