package dev.srl.swe.sandbox;

import dev.srl.swe.action.ToolCall;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** str_replace_editor semantics and messages, on a plain folder (no sandbox needed). */
class FileEditorTest {
    @TempDir
    Path wc;
    FileEditor ed;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(wc.resolve("a.py"), "one\ntwo\nthree\ntwo\n");
        Files.createDirectories(wc.resolve("pkg/deep/deeper"));
        Files.writeString(wc.resolve("pkg/m.py"), "");
        Files.writeString(wc.resolve(".hidden"), "");
        ed = new FileEditor(wc, "/testbed", -1);
    }

    String run(String command, String... kv) {
        return ed.apply(ToolCall.editor(command, kv));
    }

    @Test
    void viewsFilesCatNStyle() {
        assertEquals("Here's the result of running `cat -n` on /testbed/a.py:\n     1\tone\n     2\ttwo\n     3\tthree\n     4\ttwo\n     5\t\n",
                run("view", "path", "/testbed/a.py"));
        assertEquals("Here's the result of running `cat -n` on /testbed/a.py:\n     2\ttwo\n     3\tthree\n",
                run("view", "path", "/testbed/a.py", "view_range", "[2, 3]"));
        assertTrue(run("view", "path", "/testbed/a.py", "view_range", "[3, -1]").endsWith("     3\tthree\n     4\ttwo\n     5\t\n"));
        assertTrue(run("view", "path", "/testbed/a.py", "view_range", "[9, 10]").startsWith("Invalid `view_range`"));
        assertEquals("The path /testbed/nope.py does not exist. Please provide a valid path.", run("view", "path", "/testbed/nope.py"));
    }

    @Test
    void viewsFoldersTwoLevelsDeepWithoutHiddenItems() {
        assertEquals("Here's the files and directories up to 2 levels deep in /testbed, excluding hidden items:\n"
                + "/testbed\n/testbed/a.py\n/testbed/pkg\n/testbed/pkg/deep\n/testbed/pkg/m.py\n", run("view", "path", "/testbed"));
    }

    @Test
    void createRefusesToOverwrite() throws Exception {
        assertEquals("File created successfully at: /testbed/x/y.py", run("create", "path", "/testbed/x/y.py", "file_text", "print(1)\n"));
        assertEquals("print(1)\n", Files.readString(wc.resolve("x/y.py")));
        assertEquals("File already exists at: /testbed/a.py. Cannot overwrite files using command `create`.",
                run("create", "path", "/testbed/a.py", "file_text", "x"));
    }

    @Test
    void strReplaceNeedsExactlyOneOccurrence() throws Exception {
        assertEquals("No replacement was performed, old_str `four` did not appear verbatim in /testbed/a.py.",
                run("str_replace", "path", "/testbed/a.py", "old_str", "four", "new_str", "4"));
        assertEquals("No replacement was performed. Multiple occurrences of old_str `two` in lines [2, 4]. Please ensure it is unique",
                run("str_replace", "path", "/testbed/a.py", "old_str", "two", "new_str", "2"));
        String ok = run("str_replace", "path", "/testbed/a.py", "old_str", "three", "new_str", "3\n3b");
        assertEquals("The file /testbed/a.py has been edited. Here's the result of running `cat -n` on a snippet of /testbed/a.py:\n"
                + "     1\tone\n     2\ttwo\n     3\t3\n     4\t3b\n     5\ttwo\n     6\t\n"
                + "Review the changes and make sure they are as expected. Edit the file again if necessary.", ok);
        assertEquals("one\ntwo\n3\n3b\ntwo\n", Files.readString(wc.resolve("a.py")));
        assertTrue(run("undo_edit", "path", "/testbed/a.py").startsWith("Last edit to /testbed/a.py undone successfully. Here's the result of running `cat -n`"));
        assertEquals("one\ntwo\nthree\ntwo\n", Files.readString(wc.resolve("a.py")));
        assertEquals("No edit history found for /testbed/a.py.", run("undo_edit", "path", "/testbed/a.py"));
    }

    @Test
    void insertsAfterALine() throws Exception {
        String ok = run("insert", "path", "/testbed/a.py", "insert_line", "1", "new_str", "one-and-a-half");
        assertTrue(ok.startsWith("The file /testbed/a.py has been edited. Here's the result of running `cat -n` on a snippet of the edited file:\n"
                + "     1\tone\n     2\tone-and-a-half\n"), ok);
        assertEquals("one\none-and-a-half\ntwo\nthree\ntwo\n", Files.readString(wc.resolve("a.py")));
        assertEquals("Invalid `insert_line` parameter: 9. It should be within the range of lines of the file: [0, 6]",
                run("insert", "path", "/testbed/a.py", "insert_line", "9", "new_str", "x"));
        assertTrue(run("insert", "path", "/testbed/pkg", "insert_line", "0", "new_str", "x").contains("is a directory"));
        assertTrue(run("delete", "path", "/testbed/a.py").startsWith("Unrecognized command delete"));
    }
}
