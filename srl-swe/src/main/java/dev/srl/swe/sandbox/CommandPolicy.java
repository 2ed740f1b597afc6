package dev.srl.swe.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses commands that would wait for a terminal or never end, before they run (SWE-agent's blocklist idea):
 * <ul>
 *   <li>interactive programs in any position of a command line: {@code vim vi nvim emacs nano pico less more most
 *       top htop gdb pdb man watch screen tmux ssh telnet ftp su};</li>
 *   <li>followers: {@code tail -f}, {@code tail -F}, {@code tail --follow};</li>
 *   <li>bare interpreters and shells without arguments (they would read stdin forever): {@code python python2
 *       python3 ipython bash sh zsh dash node irb}.</li>
 * </ul>
 * The check is lexical (split on unquoted {@code ; & | && ||} and newlines, here-document bodies skipped; leading
 * {@code VAR=value}, {@code sudo},
 * {@code exec}, {@code command} and {@code nohup} words skipped; a path's last component compared), so it guards
 * against the common mistakes, not against a determined program. The sandbox and its timeout are the real
 * protection; this only returns a useful message early.
 *
 * <pre>{@code
 * CommandPolicy.refusal("vim calc.py");   // "Operation 'vim calc.py' is not supported ..."
 * CommandPolicy.refusal("ls");            // null
 * }</pre>
 */
public final class CommandPolicy {
    private CommandPolicy() {
    }

    static final Set<String> INTERACTIVE = Set.of("vim", "vi", "nvim", "emacs", "nano", "pico", "less", "more", "most",
            "top", "htop", "gdb", "pdb", "man", "watch", "screen", "tmux", "ssh", "telnet", "ftp", "su");
    static final Set<String> NEEDS_ARGUMENTS = Set.of("python", "python2", "python3", "ipython", "bash", "sh", "zsh",
            "dash", "node", "irb");
    private static final Set<String> PREFIXES = Set.of("sudo", "exec", "command", "nohup", "time");

    /** Why {@code command} is refused, or {@code null} when it may run. */
    public static String refusal(String command) {
        for (String segment : simpleCommands(command)) {
            List<String> words = List.of(segment.strip().split("\\s+"));
            int i = 0;
            while (i < words.size() && (words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*") || PREFIXES.contains(words.get(i)))) i++;
            if (i >= words.size() || words.get(i).isEmpty()) continue;
            String w = words.get(i);
            String name = w.substring(w.lastIndexOf('/') + 1);
            List<String> args = words.subList(i + 1, words.size());
            String why = null;
            if (INTERACTIVE.contains(name)) why = "'" + name + "' is interactive";
            else if (NEEDS_ARGUMENTS.contains(name) && args.isEmpty()) why = "'" + name + "' without arguments waits for input forever";
            else if (name.equals("tail") && (args.contains("-f") || args.contains("-F") || args.contains("--follow"))) {
                why = "'tail -f' never ends";
            }
            if (why != null) {
                return "Operation '" + command.strip() + "' is not supported by this environment: " + why
                        + ". Please run a non-interactive command that ends by itself.";
            }
        }
        return null;
    }

    /**
     * The simple commands of a command line: split at unquoted {@code ; & | && ||} and newlines, with quoted text
     * kept inside its word (quotes removed) and here-document bodies skipped, so that code written into a file
     * ({@code cat <<'EOF' > f.py}) is never mistaken for a command.
     */
    static List<String> simpleCommands(String command) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        List<String> pendingHeredocs = new ArrayList<>();
        int n = command.length();
        int i = 0;
        while (i < n) {
            char c = command.charAt(i);
            if (c == '\\' && i + 1 < n) {
                cur.append(command.charAt(i + 1));
                i += 2;
            } else if (c == '\'' || c == '"') {
                int end = command.indexOf(c, i + 1);
                while (c == '"' && end > 0 && command.charAt(end - 1) == '\\') end = command.indexOf(c, end + 1);
                if (end < 0) end = n;   // unterminated: bash -n reports it
                cur.append(command, i + 1, end);
                i = Math.min(n, end + 1);
            } else if (c == '<' && command.startsWith("<<", i) && !command.startsWith("<<<", i)) {
                Matcher m = HEREDOC.matcher(command).region(i, n);
                if (m.lookingAt()) {
                    pendingHeredocs.add(m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4));
                    cur.append(' ');
                    i = m.end();
                } else {
                    cur.append(c);
                    i++;
                }
            } else if (c == '\n') {
                out.add(cur.toString());
                cur.setLength(0);
                i++;
                for (String delimiter : pendingHeredocs) i = skipHeredoc(command, i, delimiter);
                pendingHeredocs.clear();
            } else if (c == ';' || c == '&' || c == '|') {
                out.add(cur.toString());
                cur.setLength(0);
                i++;
            } else {
                cur.append(c);
                i++;
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static final Pattern HEREDOC = Pattern.compile("<<(-?)\\s*(?:'([^']*)'|\"([^\"]*)\"|([A-Za-z_0-9]+))");

    /** The index after the here-document body that starts at {@code from} and ends with a line {@code delimiter}. */
    private static int skipHeredoc(String s, int from, String delimiter) {
        int i = from;
        while (i < s.length()) {
            int eol = s.indexOf('\n', i);
            String line = s.substring(i, eol < 0 ? s.length() : eol);
            i = eol < 0 ? s.length() : eol + 1;
            if (line.replaceFirst("^\t+", "").equals(delimiter)) return i;
        }
        return i;
    }
}
