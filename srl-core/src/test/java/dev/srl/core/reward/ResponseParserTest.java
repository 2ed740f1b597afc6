package dev.srl.core.reward;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResponseParserTest {
    private final ResponseParser parser = new ResponseParser();

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "2. **Add**: 3 + 4 = 7                                      | missing <think>",
            "''                                                         | missing <think>",
            "I think <think>x</think> act                               | text before <think>",
            "</think><think>x</think> act                               | text before <think>",
            "<think> still thinking                                     | unclosed <think>",
            "<think> a <think> b </think> act                           | nested <think>",
            "<think> a <think> b                                        | nested <think>",
            "<think>a</think> act <think>b</think> act2                 | more than one think block",
            "<think>a</think> act </think>                              | stray </think>",
            "<think>a</think> act </solution>                           | </solution> without <solution>",
            "<think>a</think></solution><solution>act</solution>        | </solution> without <solution>",
            "<think>a</think><solution> act                             | unclosed <solution>",
            "<think>a</think><solution>x<solution>y</solution></solution> | nested <solution>",
            "<think>a</think> Step 2: <solution>act</solution>          | text outside <solution>",
            "<think>a</think><solution>act</solution> and more          | text after </solution>",
            "<think>a</think><solution>x</solution><solution>y</solution> | text after </solution>",
            "<think>a</think>                                           | empty action",
            "<think>a</think><solution> \\n </solution>                 | empty action",
    })
    void brokenFormats(String response, String problem) {
        ParsedResponse p = parser.parse(response.replace("\\n", "\n"));
        assertFalse(p.formatOk());
        assertEquals(problem.strip(), p.problem());
        assertEquals("", p.action());
        assertEquals("", p.thought());
    }

    @Test
    void plainActionAfterTheThinkBlock() {
        ParsedResponse p = parser.parse("\n  <think> add the two </think>\n2. **Add**: 3 + 4 = 7\n");
        assertTrue(p.formatOk());
        assertNull(p.problem());
        assertEquals("add the two", p.thought());
        assertEquals("2. **Add**: 3 + 4 = 7", p.action());
    }

    @Test
    void solutionWrapperIsUnwrapped() {
        ParsedResponse p = parser.parse("<think>t</think>\n<solution>\n cd /testbed && ls\n</solution>\n");
        assertTrue(p.formatOk());
        assertEquals("cd /testbed && ls", p.action());
    }

    @Test
    void innerWhitespaceIsKeptButCrLfIsNormalised() {
        ParsedResponse p = parser.parse("<think>t</think>\r\nline  one\r\n\tline two\r\n");
        assertEquals("line  one\n\tline two", p.action());
    }

    @Test
    void stripUsesPythonWhitespace() {
        // U+00A0 and U+202F are whitespace to Python's str.strip() but not to Java's String.strip().
        ParsedResponse p = parser.parse("<think>t</think>\u00A0act\u202F\u3000");
        assertEquals("act", p.action());
        assertEquals("a b", ResponseParser.strip("\u0085\u2007a b\u001C"));
        assertEquals("\u200Bx", ResponseParser.strip("\u200Bx"));   // zero-width space is not whitespace
    }

    @Test
    void emptyThoughtIsAllowed() {
        assertEquals("act", parser.parse("<think></think>act").action());
    }

    @Test
    void tagsAreCaseSensitive() {
        assertEquals("missing <think>", parser.parse("<THINK>x</THINK> act").problem());
        assertEquals("<Solution>act</Solution>", parser.parse("<think>x</think><Solution>act</Solution>").action());
    }

    @Test
    void promptMayOpenTheThinkBlock() {
        var prefilled = new ResponseParser(true);
        ParsedResponse p = prefilled.parse("reasoning here</think> act");
        assertTrue(p.formatOk());
        assertEquals("reasoning here", p.thought());
        assertEquals("act", p.action());
        assertEquals("nested <think>", prefilled.parse("<think>r</think> act").problem());
    }
}
