package dev.srl.swe.format;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.srl.core.data.Trajectory;
import dev.srl.core.data.TrajectoryFormat.ReadStats;
import dev.srl.core.io.DataFormatException;
import dev.srl.swe.action.ObservationPolicy;
import dev.srl.swe.action.ToolCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweSmithFormatTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String USER = "<uploaded_files>\n/testbed\n</uploaded_files>\nI've uploaded a python code repository in the directory /testbed. "
            + "Consider the following PR description:\n\n<pr_description>\nadd() subtracts instead of adding\n</pr_description>\n\nCan you help me?";

    @TempDir
    Path dir;

    static ObjectNode msg(String role, String content) {
        ObjectNode m = JSON.createObjectNode();
        m.put("role", role);
        m.put("content", content);
        return m;
    }

    static ObjectNode row(ArrayNode messages, boolean asString) throws Exception {
        ObjectNode r = JSON.createObjectNode();
        if (asString) r.put("messages", JSON.writeValueAsString(messages));
        else r.set("messages", messages);
        r.put("instance_id", "calc__calc.abc123.func_pm_op_swap__x1");
        r.put("resolved", true);
        r.put("model", "claude-3-7-sonnet-20250219");
        r.put("traj_id", "calc__calc.abc123.func_pm_op_swap__x1.8qa84d2e");
        r.put("patch", "diff --git a/calc.py b/calc.py\n");
        return r;
    }

    static ArrayNode xmlMessages() {
        ArrayNode a = JSON.createArrayNode();
        a.add(msg("system", "You are a helpful assistant that can interact with a computer to solve tasks."));
        a.add(msg("user", USER));
        a.add(msg("assistant", "I'll look at the repository first.\n\n<function=bash>\n<parameter=command>find /testbed -name '*.py'</parameter>\n</function>"));
        a.add(msg("user", "OBSERVATION:\n/testbed/calc.py\n/testbed/tests/test_calc.py"));
        a.add(msg("assistant", "The bug is in add().\n\n<function=str_replace_editor>\n<parameter=command>str_replace</parameter>\n"
                + "<parameter=path>/testbed/calc.py</parameter>\n<parameter=old_str>\n    return a - b\n</parameter>\n"
                + "<parameter=new_str>\n    return a + b\n</parameter>\n</function>"));
        a.add(msg("user", "OBSERVATION:\nThe file /testbed/calc.py has been edited."));
        a.add(msg("assistant", "Done.\n\n<function=submit>\n</function>"));
        a.add(msg("user", "OBSERVATION:\ndiff --git a/calc.py b/calc.py"));
        return a;
    }

    List<Trajectory> read(Path file, SweSmithFormat f, boolean skip, ReadStats[] stats) throws Exception {
        List<Trajectory> out = new ArrayList<>();
        ReadStats s = f.read(file, skip, out::add);
        if (stats != null) stats[0] = s;
        return out;
    }

    @Test
    void readsXmlRowsWithMessagesAsJsonString() throws Exception {
        Path file = dir.resolve("xml.jsonl");
        Files.writeString(file, JSON.writeValueAsString(row(xmlMessages(), true)) + "\n\n" + JSON.writeValueAsString(row(xmlMessages(), false)) + "\n");
        List<Trajectory> ts = read(file, new SweSmithFormat(), false, null);
        assertEquals(2, ts.size());
        Trajectory t = ts.get(0);
        assertEquals("calc__calc.abc123.func_pm_op_swap__x1.8qa84d2e", t.id());
        assertEquals("add() subtracts instead of adding", t.task());
        assertEquals(3, t.steps().size());
        assertEquals(ToolCall.bash("find /testbed -name '*.py'").canonical(), t.steps().get(0).action());
        assertEquals("I'll look at the repository first.", t.steps().get(0).thought());
        assertEquals("/testbed/calc.py\n/testbed/tests/test_calc.py", t.steps().get(0).observation());
        assertEquals(ToolCall.editor("str_replace", "path", "/testbed/calc.py", "old_str", "    return a - b",
                "new_str", "    return a + b").canonical(), t.steps().get(1).action());
        assertEquals("<function=submit>\n</function>", t.steps().get(2).action());
        assertFalse(t.metadata().has("messages"));
        assertTrue(t.metadata().get("resolved").booleanValue());
        assertEquals(t, ts.get(1));
    }

    @Test
    void readsToolRowsSplittingParallelCallsByToolCallId() throws Exception {
        ArrayNode a = JSON.createArrayNode();
        a.add(msg("system", "sys"));
        a.add(msg("user", USER));
        ObjectNode asst = msg("assistant", "");
        asst.set("content", JSON.readTree("[{\"type\":\"text\",\"text\":\"Two looks at once.\"}]"));
        asst.put("thought", "Two looks at once.");
        asst.put("action", "ls /testbed");
        asst.put("message_type", "action");
        asst.set("tool_calls", JSON.readTree("""
                [{"id":"call_1","type":"function","function":{"name":"bash","arguments":"{\\"command\\": \\"ls /testbed\\"}"}},
                 {"id":"call_2","type":"function","function":{"name":"str_replace_editor","arguments":"{\\"command\\": \\"view\\", \\"path\\": \\"/testbed/calc.py\\", \\"view_range\\": [1, 5]}"}}]"""));
        a.add(asst);
        // Results in the opposite order: matched by id, not position.
        ObjectNode t2 = msg("tool", null);
        t2.set("content", JSON.readTree("[{\"type\":\"text\",\"text\":\"OBSERVATION:\\nHere's the result of running `cat -n`\"}]"));
        t2.put("tool_call_id", "call_2");
        a.add(t2);
        ObjectNode t1 = msg("tool", "OBSERVATION:\ncalc.py\ntests");
        t1.put("tool_call_id", "call_1");
        a.add(t1);
        ObjectNode fin = msg("assistant", "Finished.");
        fin.set("tool_calls", JSON.readTree("[{\"id\":\"call_3\",\"type\":\"function\",\"function\":{\"name\":\"submit\",\"arguments\":\"{}\"}}]"));
        a.add(fin);
        Path file = dir.resolve("tool.jsonl");
        Files.writeString(file, JSON.writeValueAsString(row(a, true)) + "\n");
        Trajectory t = read(file, new SweSmithFormat(ActionStyle.TOOL, ObservationPolicy.DEFAULT), false, null).get(0);
        assertEquals(3, t.steps().size());
        assertEquals(ToolCall.bash("ls /testbed").canonical(), t.steps().get(0).action());
        assertEquals("calc.py\ntests", t.steps().get(0).observation());
        assertEquals("Two looks at once.", t.steps().get(0).thought());
        assertEquals(ToolCall.editor("view", "path", "/testbed/calc.py", "view_range", "[1, 5]").canonical(), t.steps().get(1).action());
        assertNull(t.steps().get(1).thought());
        assertEquals("Here's the result of running `cat -n`", t.steps().get(1).observation());
        assertEquals("<function=submit>\n</function>", t.steps().get(2).action());
        assertNull(t.steps().get(2).observation());
    }

    @Test
    void readsTicksRowsWithTheLastFencedBlock() throws Exception {
        ArrayNode a = JSON.createArrayNode();
        a.add(msg("system", "sys"));
        a.add(msg("user", USER));
        a.add(msg("assistant", "Let me view it, e.g. `cat`:\n```\nnot this one\n```\nbut this:\n\n```\nstr_replace_editor view /testbed/calc.py\n```"));
        a.add(msg("user", "OBSERVATION:\n     1\tdef add(a, b):"));
        a.add(msg("assistant", "Run it.\n\n```bash\npython3 -c 'import calc; print(calc.add(1, 2))'\n```"));
        a.add(msg("user", "OBSERVATION:\n-1"));
        Path file = dir.resolve("ticks.jsonl");
        Files.writeString(file, JSON.writeValueAsString(row(a, true)) + "\n");
        Trajectory t = read(file, new SweSmithFormat(), false, null).get(0);
        assertEquals(2, t.steps().size());
        assertEquals(ToolCall.editor("view", "path", "/testbed/calc.py").canonical(), t.steps().get(0).action());
        assertEquals("Let me view it, e.g. `cat`:\n```\nnot this one\n```\nbut this:", t.steps().get(0).thought());
        assertEquals(ToolCall.bash("python3 -c 'import calc; print(calc.add(1, 2))'").canonical(), t.steps().get(1).action());
        assertEquals("-1", t.steps().get(1).observation());
    }

    @Test
    void truncatesLongObservations() throws Exception {
        ArrayNode a = xmlMessages();
        ((ObjectNode) a.get(3)).put("content", "OBSERVATION:\n" + "x".repeat(5000));
        Path file = dir.resolve("long.jsonl");
        Files.writeString(file, JSON.writeValueAsString(row(a, true)) + "\n");
        Trajectory t = read(file, new SweSmithFormat(ActionStyle.XML, new ObservationPolicy(100)), false, null).get(0);
        assertEquals("x".repeat(50) + "\n[... 4900 characters truncated ...]\n" + "x".repeat(50), t.steps().get(0).observation());
    }

    @Test
    void malformedRowsNameFileLineAndField() throws Exception {
        ArrayNode bad = xmlMessages();
        ((ObjectNode) bad.get(4)).remove("role");
        ArrayNode badArgs = JSON.createArrayNode();
        badArgs.add(msg("user", USER));
        ObjectNode asst = msg("assistant", "x");
        asst.set("tool_calls", JSON.readTree("[{\"id\":\"c\",\"function\":{\"name\":\"bash\",\"arguments\":\"{not json\"}}]"));
        badArgs.add(asst);
        ObjectNode noMessages = row(xmlMessages(), true);
        noMessages.remove("messages");
        ObjectNode badString = row(xmlMessages(), true);
        badString.put("messages", "[{\"role\": ");
        ArrayNode noActions = JSON.createArrayNode();
        noActions.add(msg("user", USER));
        noActions.add(msg("assistant", "I give up."));
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, String.join("\n",
                JSON.writeValueAsString(row(xmlMessages(), true)),
                JSON.writeValueAsString(row(bad, true)),
                JSON.writeValueAsString(row(badArgs, false)),
                JSON.writeValueAsString(noMessages),
                JSON.writeValueAsString(badString),
                "{broken json",
                JSON.writeValueAsString(row(noActions, true))) + "\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(file, new SweSmithFormat(), false, null));
        assertEquals(file + ":2: field 'messages[4].role': missing", e.getMessage());
        ReadStats[] stats = new ReadStats[1];
        List<Trajectory> ok = read(file, new SweSmithFormat(), true, stats);
        assertEquals(1, ok.size());
        assertEquals(new ReadStats(1, 5, 1), stats[0]);

        for (int line = 3; line <= 5; line++) {
            Path one = dir.resolve("one" + line + ".jsonl");
            Files.writeString(one, Files.readAllLines(file).get(line - 1) + "\n");
            DataFormatException x = assertThrows(DataFormatException.class, () -> read(one, new SweSmithFormat(), false, null));
            assertTrue(x.getMessage().startsWith(one + ":1: field '"), x.getMessage());
            assertEquals(List.of("messages[1].tool_calls[0].function.arguments", "messages", "messages").get(line - 3), x.field());
        }
    }
}
