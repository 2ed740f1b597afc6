package dev.srl.swe.action;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CanonicalActionTest {

    @Test
    void rendersBashInline() {
        assertEquals("<function=bash>\n<parameter=command>ls /testbed</parameter>\n</function>",
                ToolCall.bash("ls /testbed").canonical());
    }

    @Test
    void rendersEditorValuesOnOwnLinesInFixedOrder() {
        Map<String, String> scrambled = new LinkedHashMap<>();
        scrambled.put("new_str", "    return a + b");
        scrambled.put("path", "/testbed/calc.py");
        scrambled.put("old_str", "    return a - b");
        scrambled.put("command", "str_replace");
        String s = new ToolCall("str_replace_editor", scrambled).canonical();
        assertEquals("""
                <function=str_replace_editor>
                <parameter=command>str_replace</parameter>
                <parameter=path>/testbed/calc.py</parameter>
                <parameter=old_str>
                    return a - b
                </parameter>
                <parameter=new_str>
                    return a + b
                </parameter>
                </function>""", s);
    }

    @Test
    void roundTripsCallsAndStrings() {
        List<ToolCall> calls = List.of(
                ToolCall.bash("cd /testbed && python3 -m unittest -v 2>&1 | tail -n 5"),
                ToolCall.bash("printf 'a\\nb'\necho two lines"),
                ToolCall.editor("create", "path", "/testbed/x.py", "file_text", "\nleading and trailing newline\n\n"),
                ToolCall.editor("str_replace", "path", "/p", "old_str", "", "new_str", "x"),
                ToolCall.editor("view", "path", "/testbed", "view_range", "[1, 20]"),
                ToolCall.editor("insert", "path", "/p", "insert_line", "3", "new_str", "line"),
                ToolCall.submit(),
                new ToolCall("custom_tool", Map.of("zeta", "1", "alpha", "two\nlines")));
        for (ToolCall c : calls) {
            String s = c.canonical();
            assertEquals(c, CanonicalAction.parse(s), s);
            assertEquals(s, CanonicalAction.parse(s).canonical());
        }
        assertEquals("<function=custom_tool>\n<parameter=alpha>two\nlines</parameter>\n<parameter=zeta>1</parameter>\n</function>",
                calls.get(7).canonical());
        assertEquals("<function=submit>\n</function>", ToolCall.submit().canonical());
    }

    @Test
    void mapsAliasesAndDropsForeignParameters() {
        ToolCall c = CanonicalAction.parse("<function=execute_bash>\n<parameter=command>ls</parameter>\n"
                + "<parameter=is_input>false</parameter>\n</function>");
        assertEquals(ToolCall.bash("ls"), c);
        assertEquals(ToolCall.submit(), CanonicalAction.parse("<function=finish>\n<parameter=message>done</parameter>\n</function>"));
        assertEquals("str_replace_editor", new ToolCall("str_replace_based_edit_tool", Map.of("command", "view", "path", "/a")).name());
    }

    @Test
    void strictParseRejectsMalformedActions() {
        String one = ToolCall.bash("ls").canonical();
        assertEquals(ToolCall.bash("ls"), CanonicalAction.parse("\n  " + one + "\n"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CanonicalAction.parse(one + one)).getMessage().contains("more than one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CanonicalAction.parse("run: " + one)).getMessage().contains("before"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CanonicalAction.parse(one + " ok")).getMessage().contains("after"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalAction.parse("ls -la"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalAction.parse("<function=bash>\n<parameter=command>ls</parameter>\n"));
        assertThrows(IllegalArgumentException.class, () -> CanonicalAction.parse(
                "<function=bash>\nhello\n<parameter=command>ls</parameter>\n</function>"));
        assertThrows(IllegalArgumentException.class, () -> ToolCall.bash("echo </parameter>").canonical());
    }

    @Test
    void findsBlocksInsideReasoning() {
        String msg = "Let me look.\n\n" + ToolCall.bash("ls").canonical() + "\ntrailing";
        var found = CanonicalAction.findAll(msg);
        assertEquals(1, found.size());
        assertEquals("Let me look.\n\n", msg.substring(0, found.get(0).start()));
    }

    @Test
    void readsSweAgentCommandStrings() {
        assertEquals(ToolCall.editor("view", "path", "/testbed/a.py", "view_range", "[1, 20]"),
                CommandLineAction.parse("str_replace_editor view /testbed/a.py  --view_range 1 20"));
        assertEquals(ToolCall.editor("str_replace", "path", "/testbed/a.py", "old_str", "it's x = 1", "new_str", "x = \"2\"\n"),
                CommandLineAction.parse("str_replace_editor str_replace /testbed/a.py   --old_str 'it'\"'\"'s x = 1' --new_str 'x = \"2\"\n'"));
        assertEquals(ToolCall.editor("insert", "path", "/a", "insert_line", "4", "new_str", "y"),
                CommandLineAction.parse("str_replace_editor insert /a --insert_line 4 --new_str y"));
        assertEquals(ToolCall.submit(), CommandLineAction.parse(" submit\n"));
        assertEquals(ToolCall.bash("python reproduce.py"), CommandLineAction.parse("python reproduce.py\n"));
        assertEquals(ToolCall.bash("edit 10:12\nfoo\nend_of_edit"), CommandLineAction.parse("edit 10:12\nfoo\nend_of_edit"));
        assertThrows(IllegalArgumentException.class, () -> CommandLineAction.parse("str_replace_editor view"));
        assertThrows(IllegalArgumentException.class, () -> CommandLineAction.parse("str_replace_editor create /a --file_text 'x"));
    }

    @Test
    void shellWordsFollowPosixQuoting() {
        assertEquals(List.of("a", "b c", "d\"e", "f g", "$x"), ShellWords.split("a 'b c' \"d\\\"e\" f\\ g '$x'"));
        assertEquals(List.of("ab"), ShellWords.split("a\\\nb"));
    }

    @Test
    void writesJsonArgumentsAsPythonWould() throws Exception {
        var args = new ObjectMapper().readTree("{\"command\":\"view\",\"view_range\":[1,-1],\"insert_line\":5,"
                + "\"flag\":true,\"names\":[\"a\",\"it's\"],\"gone\":null}");
        assertEquals(Map.of("command", "view", "view_range", "[1, -1]", "insert_line", "5", "flag", "True",
                "names", "['a', 'it\\'s']"), JsonArguments.toParams(args));
    }

    @Test
    void observationPolicyKeepsHeadAndTail() {
        String text = "A".repeat(30) + "B".repeat(40) + "C".repeat(30);
        String cut = new ObservationPolicy(60).apply(text);
        assertEquals("A".repeat(30) + "\n[... 40 characters truncated ...]\n" + "C".repeat(30), cut);
        assertEquals(text, new ObservationPolicy(100).apply(text));
        assertEquals(text, ObservationPolicy.UNLIMITED.apply(text));
        String emoji = "😀".repeat(10);   // 20 chars of surrogate pairs
        String e = new ObservationPolicy(5).apply(emoji);
        assertTrue(!Character.isHighSurrogate(e.charAt(e.indexOf('\n') - 1)));
    }
}
