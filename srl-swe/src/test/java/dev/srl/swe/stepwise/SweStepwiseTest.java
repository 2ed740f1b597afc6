package dev.srl.swe.stepwise;

import dev.srl.core.data.StepwiseBuilder;
import dev.srl.core.data.StepwiseInstance;
import dev.srl.core.data.Trajectory;
import dev.srl.core.prompt.ChatMessage;
import dev.srl.core.prompt.RenderedPrompt;
import dev.srl.swe.format.SweSmithFormat;
import dev.srl.swe.grading.BundledTasks;
import dev.srl.swe.reward.ToolCallReward;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweStepwiseTest {

    static List<Trajectory> expert() throws Exception {
        Path f = BundledTasks.copyTrajectories(Files.createTempFile("srl-expert", ".jsonl"));
        List<Trajectory> out = new ArrayList<>();
        new SweSmithFormat().read(f, false, out::add);
        Files.delete(f);
        return out;
    }

    @Test
    void instancesShowTheIssueAndTheLastTwoPairs() throws Exception {
        Trajectory t = expert().get(0);
        List<StepwiseInstance> instances = new StepwiseBuilder(SwePrompts.options()).build(t);
        assertEquals(t.steps().size(), instances.size());
        assertTrue(instances.get(0).context().isEmpty());
        StepwiseInstance i4 = instances.get(4);
        assertEquals(List.of(t.steps().get(2).action(), t.steps().get(3).action()), i4.context().stream().map(s -> s.action()).toList());
        assertEquals(t.steps().get(3).observation(), i4.context().get(1).observation());
        assertEquals(null, i4.context().get(0).thought());   // thoughts are off by default
        assertEquals(t.steps().get(4).action(), i4.target());

        RenderedPrompt p = SwePrompts.renderer().render(i4);
        List<ChatMessage> m = p.messages();
        assertEquals(2, m.size());
        assertTrue(m.get(0).content().contains("<think>"));
        String user = m.get(1).content();
        assertTrue(user.startsWith("<pr_description>\n" + t.task() + "\n</pr_description>"), "[" + user + "] vs [" + t.task() + "]");
        assertTrue(user.contains(t.steps().get(2).action() + "\nOBSERVATION:\n" + t.steps().get(2).observation() + "\n\n"
                + t.steps().get(3).action() + "\nOBSERVATION:\n" + t.steps().get(3).observation()), user);
        assertFalse(user.contains(t.steps().get(1).action()), "only the last two pairs");
        assertFalse(user.contains(i4.target()), "the target is not in the prompt");
        assertTrue(SwePrompts.renderer().render(instances.get(0)).messages().get(1).content().contains("(no actions yet"));

        StepwiseInstance withThoughts = new StepwiseBuilder(SwePrompts.options().withThoughts(true)).build(t).get(4);
        String thoughtful = SwePrompts.renderer().render(withThoughts).messages().get(1).content();
        assertTrue(thoughtful.contains(t.steps().get(3).thought() + "\n\n" + t.steps().get(3).action()), thoughtful);

        // The expert's own action, answered in the format the prompt asks for, earns the full reward.
        assertEquals(1.0, new ToolCallReward().score("<think>next</think>\n" + i4.target(), i4.target()).reward());
    }
}
