package dev.srl.swe.reward;

import dev.srl.core.reward.RewardRequest;
import dev.srl.swe.action.ToolCall;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToolCallRewardTest {
    final ToolCallReward reward = new ToolCallReward();
    final String expert = ToolCall.editor("str_replace", "path", "/testbed/calc.py", "old_str", "return a - b",
            "new_str", "return a + b").canonical();

    @Test
    void theExpertsOwnActionScoresOne() {
        assertEquals(1.0, reward.score("<think>fix the sign</think>\n" + expert, expert).reward());
        assertEquals(1.0, reward.score("<think>x</think><solution>\n" + expert + "\n</solution>", expert).reward());
    }

    @Test
    void aliasesAndParameterOrderDoNotCost() {
        String reordered = "<think>fix</think>\n<function=str_replace_based_edit_tool>\n<parameter=new_str>\nreturn a + b\n</parameter>\n"
                + "<parameter=path>/testbed/calc.py</parameter>\n<parameter=command>str_replace</parameter>\n"
                + "<parameter=old_str>\nreturn a - b\n</parameter>\n</function>";
        assertEquals(1.0, reward.score(reordered, expert).reward());
        assertEquals(1.0, reward.score("<think>t</think><function=execute_bash>\n<parameter=command>ls</parameter>\n</function>",
                ToolCall.bash("ls").canonical()).reward());
    }

    @Test
    void closerActionsScoreHigher() {
        double near = reward.score("<think>t</think>" + ToolCall.editor("str_replace", "path", "/testbed/calc.py",
                "old_str", "return a - b", "new_str", "return b + a").canonical(), expert).reward();
        double far = reward.score("<think>t</think>" + ToolCall.bash("ls /testbed").canonical(), expert).reward();
        assertTrue(near > far && far > 0 && near < 1, near + " " + far);
    }

    @Test
    void anythingButOneToolCallScoresMinusOne() {
        String one = ToolCall.bash("ls").canonical();
        String[] broken = {one, "<think>t</think> ls -la", "<think>t</think>" + one + one, "<think>t</think>I will run " + one,
                "<think>t</think>" + one + "\nthen I check", "<think>t", "<think>t</think><function=bash>\n<parameter=command>ls</parameter>\n"};
        for (String b : broken) {
            ToolCallReward.Score s = reward.score(b, one);
            assertEquals(-1.0, s.reward(), b);
            assertTrue(s.problem() != null && Double.isNaN(s.similarity()));
        }
        assertArrayEquals(new double[]{1.0, -1.0}, reward.score(List.of(new RewardRequest("<think>a</think>" + one, one),
                new RewardRequest("ls", one))));
    }
}
