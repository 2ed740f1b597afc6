package dev.srl.swe.action;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words the way a POSIX shell would for quoting purposes: single quotes are
 * literal, double quotes allow {@code \" \\ \$ \`} escapes, a backslash outside quotes escapes the next
 * character. No expansion is done. Used to read SWE-agent's shell-quoted editor invocations.
 *
 * <pre>{@code
 * ShellWords.split("a 'b c' \"d\\\"e\"");   // [a, b c, d"e]
 * }</pre>
 */
public final class ShellWords {
    private ShellWords() {
    }

    /** The words of {@code line}; an unterminated quote is an {@link IllegalArgumentException}. */
    public static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) throw new IllegalArgumentException("unterminated single quote");
                w.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (true) {
                    if (i >= n) throw new IllegalArgumentException("unterminated double quote");
                    char d = line.charAt(i);
                    if (d == '"') break;
                    if (d == '\\' && i + 1 < n && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        w.append(line.charAt(i + 1));
                        i += 2;
                    } else if (d == '\\' && i + 1 < n && line.charAt(i + 1) == '\n') {
                        i += 2;
                    } else {
                        w.append(d);
                        i++;
                    }
                }
                inWord = true;
                i++;
            } else if (c == '\\') {
                if (i + 1 < n && line.charAt(i + 1) != '\n') {
                    w.append(line.charAt(i + 1));
                    inWord = true;
                }
                i += 2;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(w.toString());
                w.setLength(0);
                inWord = false;
                i++;
            } else {
                w.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) out.add(w.toString());
        return out;
    }
}
