package dev.srl.swe.format;

import dev.srl.core.data.Trajectory;
import dev.srl.core.data.TrajectoryFormat;
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

/** SWE-agent .traj, OpenHands events, SWE-Gym messages and nebius rows, written by hand in their layouts. */
class OtherFormatsTest {
    @TempDir
    Path dir;

    static List<Trajectory> read(TrajectoryFormat f, Path file) throws Exception {
        List<Trajectory> out = new ArrayList<>();
        f.read(file, false, out::add);
        return out;
    }

    static final String TRAJ = """
            {
              "environment": "swe_main",
              "trajectory": [
                {"action": "find /testbed -name '*.py'", "observation": "/testbed/calc.py", "response": "raw",
                 "thought": "Look around.", "state": {"working_dir": "/testbed"}, "execution_time": 0.1, "query": [], "extra_info": {}},
                {"action": "", "observation": "format error", "thought": "", "response": ""},
                {"action": "str_replace_editor str_replace /testbed/calc.py   --old_str '    return a - b' --new_str '    return a + b'",
                 "observation": "The file /testbed/calc.py has been edited.", "thought": "Fix it.", "state": "{}"},
                {"action": "submit", "observation": "diff --git a/calc.py b/calc.py", "thought": "Submit."}
              ],
              "history": [
                {"role": "system", "content": "You are a helpful assistant", "message_type": "system_prompt", "agent": "main"},
                {"role": "user", "content": [{"type": "text", "text": "<uploaded_files>\\n/testbed\\n</uploaded_files>\\n<pr_description>\\nadd() is wrong\\n</pr_description>"}],
                 "message_type": "observation", "agent": "main"}
              ],
              "info": {"submission": "diff --git a/calc.py b/calc.py", "exit_status": "submitted"},
              "replay_config": "{\\"problem_statement\\": {\\"text\\": \\"unused\\"}}"
            }
            """;

    @Test
    void readsSweAgentTrajFilesAndFolders() throws Exception {
        Path file = dir.resolve("calc__calc-1.traj");
        Files.writeString(file, TRAJ);
        Trajectory t = read(new SweAgentTrajFormat(), file).get(0);
        assertEquals("calc__calc-1", t.id());
        assertEquals("add() is wrong", t.task());
        assertEquals(3, t.steps().size());
        assertEquals(ToolCall.bash("find /testbed -name '*.py'").canonical(), t.steps().get(0).action());
        assertEquals("Look around.", t.steps().get(0).thought());
        assertEquals(ToolCall.editor("str_replace", "path", "/testbed/calc.py", "old_str", "    return a - b",
                "new_str", "    return a + b").canonical(), t.steps().get(1).action());
        assertEquals("<function=submit>\n</function>", t.steps().get(2).action());
        assertEquals("submitted", t.metadata().get("info").get("exit_status").textValue());

        Path folder = dir.resolve("run");
        Files.createDirectories(folder.resolve("a"));
        Files.writeString(folder.resolve("a/one.traj"), TRAJ);
        Files.writeString(folder.resolve("two.traj"), TRAJ.replace("\"history\"", "\"unused_history\""));
        Files.writeString(folder.resolve("notes.txt"), "not a trajectory");
        List<Trajectory> all = read(new SweAgentTrajFormat(), folder);
        assertEquals(List.of("one", "two"), all.stream().map(Trajectory::id).toList());
        assertEquals("unused", all.get(1).task());   // from replay_config when history has no user message
    }

    @Test
    void badTrajFilesAreNamedWithTheField() throws Exception {
        Path folder = dir.resolve("bad");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("a.traj"), TRAJ);
        Path broken = folder.resolve("b.traj");
        Files.writeString(broken, TRAJ.replace("\"action\": \"submit\"", "\"action\": 7"));
        Path truncated = folder.resolve("c.traj");
        Files.writeString(truncated, TRAJ.substring(0, 200));
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(new SweAgentTrajFormat(), broken));
        assertEquals(broken + ": field 'trajectory[3].action': expected a string, got a number", e.getMessage());
        DataFormatException m = assertThrows(DataFormatException.class, () -> read(new SweAgentTrajFormat(), truncated));
        assertTrue(m.getMessage().startsWith(truncated + ": malformed JSON"), m.getMessage());
        List<Trajectory> ok = new ArrayList<>();
        ReadStats s = new SweAgentTrajFormat().read(folder, true, ok::add);
        assertEquals(new ReadStats(1, 2, 0), s);
    }

    static final String OPENHANDS = """
            {"instance_id": "calc__calc-1", "instruction": "<issue_description>\\nignored when instance has it\\n</issue_description>", "instance": {"problem_statement": "add() is wrong", "repo": "calc/calc"}, "history": [\
            {"id": 0, "timestamp": "2024-01-01T00:00:00", "source": "agent", "message": "You are OpenHands agent", "action": "system", "args": {"content": "sys"}},\
            {"id": 1, "source": "user", "message": "fix it", "action": "message", "args": {"content": "fix it", "image_urls": null}},\
            {"id": 2, "source": "agent", "message": "Running command: ls /testbed", "action": "run", "args": {"command": "ls /testbed", "is_input": false, "thought": "Look first.", "blocking": false}, "tool_call_metadata": {"function_name": "execute_bash", "tool_call_id": "t1"}},\
            {"id": 3, "source": "agent", "message": "Reading /testbed/calc.py", "action": "read", "args": {"path": "/testbed/calc.py", "view_range": null, "thought": ""}},\
            {"id": 4, "source": "agent", "cause": 2, "observation": "run", "content": "calc.py\\ntests", "extras": {"command": "ls /testbed", "metadata": {"exit_code": 0, "working_dir": "/testbed"}}},\
            {"id": 5, "source": "agent", "cause": 3, "observation": "read", "content": "def add(a, b):\\n    return a - b", "extras": {"path": "/testbed/calc.py"}},\
            {"id": 6, "source": "agent", "action": "edit", "args": {"path": "/testbed/calc.py", "command": "str_replace", "old_str": "return a - b", "new_str": "return a + b", "file_text": null, "insert_line": null, "impl_source": "oh_aci", "thought": "Fix."}},\
            {"id": 7, "source": "agent", "cause": 6, "observation": "edit", "content": "The file /testbed/calc.py has been edited.", "extras": {}},\
            {"id": 8, "source": "agent", "action": "finish", "args": {"final_thought": "done", "outputs": {}, "thought": ""}}\
            ], "test_result": {"git_patch": "SECRET-PATCH", "report": {"resolved": true}}, "metrics": {}, "error": null}
            """;

    @Test
    void readsOpenHandsEventsLinkedByCause() throws Exception {
        Path file = dir.resolve("output.jsonl");
        Files.writeString(file, OPENHANDS);
        Trajectory t = read(new OpenHandsFormat(), file).get(0);
        assertEquals("calc__calc-1@1", t.id());
        assertEquals("add() is wrong", t.task());
        assertEquals(4, t.steps().size());
        assertEquals(ToolCall.bash("ls /testbed").canonical(), t.steps().get(0).action());
        assertEquals("Look first.", t.steps().get(0).thought());
        assertEquals("calc.py\ntests", t.steps().get(0).observation());
        assertEquals(ToolCall.editor("view", "path", "/testbed/calc.py").canonical(), t.steps().get(1).action());
        assertEquals("def add(a, b):\n    return a - b", t.steps().get(1).observation());
        assertEquals(ToolCall.editor("str_replace", "path", "/testbed/calc.py", "old_str", "return a - b", "new_str", "return a + b").canonical(),
                t.steps().get(2).action());
        assertEquals(ToolCall.submit().canonical(), t.steps().get(3).action());
        assertFalse(t.metadata().has("test_result"));
        assertFalse(t.toString().contains("SECRET-PATCH"));
    }

    @Test
    void readsOpenHandsActionObservationPairs() throws Exception {
        String row = """
                {"instance_id": "x-1", "instruction": "Please fix:\\n<issue_description>\\nbroken\\n</issue_description>\\nthanks", "history": [\
                [{"id": 1, "source": "agent", "action": "run", "args": {"command": "pytest -q", "thought": "Run tests."}}, {"id": 2, "cause": 1, "observation": "run", "content": "1 failed"}],\
                [{"id": 3, "source": "agent", "action": "write", "args": {"path": "/w/a.py", "content": "x = 1\\n"}}, {"id": 4, "observation": "write", "content": ""}]\
                ]}
                """;
        Path file = dir.resolve("pairs.jsonl");
        Files.writeString(file, row);
        Trajectory t = read(new OpenHandsFormat(), file).get(0);
        assertEquals("broken", t.task());
        assertEquals("1 failed", t.steps().get(0).observation());
        assertEquals(ToolCall.editor("create", "path", "/w/a.py", "file_text", "x = 1\n").canonical(), t.steps().get(1).action());
    }

    @Test
    void readsSweGymMessagesWithJsonStringArguments() throws Exception {
        String row = """
                {"instance_id": "getmoto__moto-1", "run_id": "gpt-4o-2024-08-06_maxiter_30_N_v2.1-no-hint-train-t04-run_1", "resolved": true, "messages": [\
                {"role": "system", "content": "You are OpenHands agent"},\
                {"role": "user", "content": "<uploaded_files>\\n/workspace/moto\\n</uploaded_files>\\n<issue_description>\\nKeyError in s3\\n</issue_description>"},\
                {"role": "assistant", "content": "Let me look.", "tool_calls": [\
                  {"id": "toolu_01", "type": "function", "function": {"name": "execute_bash", "arguments": "{\\"command\\": \\"grep -rn KeyError /workspace/moto | head\\"}"}},\
                  {"id": "toolu_02", "type": "function", "function": {"name": "str_replace_editor", "arguments": "{\\"command\\": \\"view\\", \\"path\\": \\"/workspace/moto/s3.py\\"}"}}]},\
                {"role": "tool", "tool_call_id": "toolu_01", "name": "execute_bash", "content": "OBSERVATION:\\ns3.py:10: raise KeyError"},\
                {"role": "tool", "tool_call_id": "toolu_02", "name": "str_replace_editor", "content": "OBSERVATION:\\n     1\\timport x"},\
                {"role": "assistant", "content": "", "tool_calls": [{"id": "toolu_03", "type": "function", "function": {"name": "finish", "arguments": "{}"}}]}\
                ], "test_result": {"report": {"resolved": true}}}
                """;
        Path file = dir.resolve("swegym.jsonl");
        Files.writeString(file, row);
        Trajectory t = read(new OpenHandsFormat(), file).get(0);
        assertEquals("KeyError in s3", t.task());
        assertEquals(3, t.steps().size());
        assertEquals(ToolCall.bash("grep -rn KeyError /workspace/moto | head").canonical(), t.steps().get(0).action());
        assertEquals("s3.py:10: raise KeyError", t.steps().get(0).observation());
        assertEquals("     1\timport x", t.steps().get(1).observation());
        assertNull(t.steps().get(1).thought());
        assertEquals(ToolCall.submit().canonical(), t.steps().get(2).action());
        assertFalse(t.metadata().has("test_result"));
        assertTrue(t.metadata().has("run_id"));
    }

    @Test
    void readsSweGymNonFunctionCallingText() throws Exception {
        String row = """
                {"instance_id": "a-1", "messages": [\
                {"role": "user", "content": "<issue_description>\\nbug\\n</issue_description>"},\
                {"role": "assistant", "content": "Check.\\n<function=execute_bash>\\n<parameter=command>ls</parameter>\\n</function>"},\
                {"role": "user", "content": "EXECUTION RESULT of [execute_bash]:\\na.py"}]}
                """;
        Path file = dir.resolve("oss.jsonl");
        Files.writeString(file, row);
        Trajectory t = read(new OpenHandsFormat(), file).get(0);
        assertEquals(ToolCall.bash("ls").canonical(), t.steps().get(0).action());
        assertEquals("a.py", t.steps().get(0).observation());
        assertEquals("Check.", t.steps().get(0).thought());
    }

    @Test
    void openHandsErrorsNameTheEvent() throws Exception {
        Path file = dir.resolve("bad-oh.jsonl");
        Files.writeString(file, OPENHANDS + OPENHANDS.replace("\"action\": \"read\", \"args\": {", "\"action\": \"read\", \"args\": [{")
                .replace("\"thought\": \"\"}},", "\"thought\": \"\"}]},") + "{\"instance_id\": \"y\"}\n");
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(new OpenHandsFormat(), file));
        assertEquals(file + ":2: field 'history[3].args': expected an object, got an array", e.getMessage());
        List<Trajectory> ok = new ArrayList<>();
        assertEquals(new ReadStats(1, 2, 0), new OpenHandsFormat().read(file, true, ok::add));
    }

    static final String NEBIUS = """
            {"instance_id": "calc__calc-1", "model_name": "swe-agent-llama-70b", "target": true, "exit_status": "submitted", "generated_patch": "diff", "eval_logs": "SECRET EVAL LOG: 3 passed", "trajectory": [\
            {"cutoff_date": "01.01.2023", "mask": true, "role": "system", "system_prompt": "SETTING: You are an autonomous programmer", "text": "SETTING: You are an autonomous programmer"},\
            {"mask": true, "role": "user", "text": "We're currently solving the following issue within our repository. Here's the issue text:\\nISSUE:\\nadd() is wrong\\n\\nINSTRUCTIONS:\\nNow, you're going to solve this issue on your own.\\n(Open file: n/a)\\n(Current directory: /calc)\\nbash-$"},\
            {"mask": false, "role": "ai", "text": "Let me open the file.\\n```\\nopen calc.py\\n```"},\
            {"mask": true, "role": "user", "text": "[File: /calc/calc.py (2 lines total)]\\n1:def add(a, b):\\n2:    return a - b\\n(Open file: /calc/calc.py)\\n(Current directory: /calc)\\nbash-$"},\
            {"mask": false, "role": "ai", "text": "Fix line 2.\\n```\\nedit 2:2\\n    return a + b\\nend_of_edit\\n```"},\
            {"mask": true, "role": "user", "text": "File updated."},\
            {"mask": false, "role": "ai", "text": "Done.\\n```\\nsubmit\\n```"}\
            ]}
            """;

    @Test
    void readsNebiusRowsAndDropsEvalLogs() throws Exception {
        Path file = dir.resolve("nebius.jsonl");
        Files.writeString(file, NEBIUS + NEBIUS.replace("\"role\": \"ai\", \"text\": \"Fix", "\"role\": \"robot\", \"text\": \"Fix"));
        List<Trajectory> ok = new ArrayList<>();
        assertEquals(new ReadStats(1, 1, 0), new NebiusFormat().read(file, true, ok::add));
        Trajectory t = ok.get(0);
        assertEquals("add() is wrong", t.task());
        assertEquals(3, t.steps().size());
        assertEquals(ToolCall.bash("open calc.py").canonical(), t.steps().get(0).action());
        assertEquals("Let me open the file.", t.steps().get(0).thought());
        assertTrue(t.steps().get(0).observation().startsWith("[File: /calc/calc.py"));
        assertEquals(ToolCall.bash("edit 2:2\n    return a + b\nend_of_edit").canonical(), t.steps().get(1).action());
        assertEquals(ToolCall.submit().canonical(), t.steps().get(2).action());
        assertFalse(t.metadata().has("eval_logs"));
        assertFalse(t.toString().contains("SECRET EVAL LOG"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> read(new NebiusFormat(), file));
        assertEquals(file + ":2: field 'trajectory[4].role': expected system, user or ai, got 'robot'", e.getMessage());
    }

    @Test
    void formatsAreFoundByName() {
        for (String n : SweFormats.NAMES) assertEquals(n, SweFormats.byName(n, ObservationPolicy.DEFAULT).name());
        assertThrows(IllegalArgumentException.class, () -> SweFormats.byName("s1k", ObservationPolicy.DEFAULT));
    }
}
