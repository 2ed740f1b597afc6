package dev.srl.swe.sandbox;

import java.util.List;
import java.util.Set;

/**
 * Refuses commands that would wait for a terminal or never end, before they run (SWE-agent's blocklist idea):
 * <ul>
 *   <li>interactive programs in any position of a command line: {@code vim vi nvim emacs nano pico less more most
 *       top htop gdb pdb man watch screen tmux ssh telnet ftp su};</li>
 *   <li>followers: {@code tail -f}, {@code tail -F}, {@code tail --follow};</li>
 *   <li>bare interpreters and shells without arguments (they would read stdin forever): {@code python python2
 *       python3 ipython bash sh zsh dash node irb}.</li>
 * </ul>
 * The check is lexical (split on {@code ; & | && ||} and newlines; leading {@code VAR=value}, {@code sudo},
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
        for (String segment : command.split("\\n|;|&&|\\|\\||\\||&")) {
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
}
