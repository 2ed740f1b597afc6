package dev.srl.swe.sandbox;

import dev.srl.swe.action.ToolCall;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code str_replace_editor} tool with SWE-agent's semantics and messages ({@code view}, {@code create},
 * {@code str_replace}, {@code insert}, {@code undo_edit}), working in Java directly on the working copy.
 *
 * <p>Paths are sandbox paths (e.g. {@code /testbed/calc.py}). Each is resolved safely: it must be absolute, lie
 * under the mount point after normalisation, and its real location (all symbolic links followed, on the host)
 * must still lie inside the working copy; files with several hard links are refused. Anything else is refused
 * with a message, never touched. Unlike SWE-agent, tabs are not expanded, so files keep their bytes.
 *
 * <pre>{@code
 * FileEditor ed = new FileEditor(Path.of("/tmp/wc"), "/testbed", -1);
 * String obs = ed.apply(ToolCall.editor("view", "path", "/testbed/calc.py"));
 * }</pre>
 */
public final class FileEditor {
    private static final int SNIPPET_LINES = 4;
    private static final long MAX_FILE_BYTES = 10L << 20;
    private static final String COMMANDS = "view, create, str_replace, insert, undo_edit";

    private final Path root;
    private final String mountPoint;
    private final int ownerUid;
    private final Map<Path, Deque<String>> history = new HashMap<>();

    /**
     * @param workingCopy the working copy on the host
     * @param mountPoint  its path inside the sandbox
     * @param ownerUid    new files are given to this uid ({@code -1}: leave the JVM's)
     */
    public FileEditor(Path workingCopy, String mountPoint, int ownerUid) {
        try {
            this.root = workingCopy.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("working copy " + workingCopy + " does not exist", e);
        }
        this.mountPoint = mountPoint;
        this.ownerUid = ownerUid;
    }

    /** Runs one editor call and returns the observation (errors are observations too). */
    public String apply(ToolCall call) {
        String command = call.param("command");
        String path = call.param("path");
        if (command == null) return "Parameter `command` is required for str_replace_editor.";
        if (path == null) return "Parameter `path` is required for command: " + command;
        try {
            Path p = resolve(path);
            return switch (command) {
                case "view" -> view(path, p, call.param("view_range"));
                case "create" -> create(path, p, call.param("file_text"));
                case "str_replace" -> strReplace(path, p, call.param("old_str"), call.param("new_str"));
                case "insert" -> insert(path, p, call.param("insert_line"), call.param("new_str"));
                case "undo_edit" -> undo(path, p);
                default -> "Unrecognized command " + command + ". The allowed commands for the str_replace_editor tool are: " + COMMANDS;
            };
        } catch (Refused r) {
            return r.getMessage();
        } catch (IOException e) {
            return "Error while running " + command + " on " + path + ": " + e.getMessage();
        }
    }

    private static final class Refused extends Exception {
        Refused(String m) {
            super(m, null, false, false);
        }
    }

    /** The host path of a sandbox path, or a refusal. */
    Path resolve(String path) throws Refused, IOException {
        if (!path.startsWith("/")) {
            throw new Refused("The path " + path + " is not an absolute path, it should start with `/`. Maybe you meant "
                    + mountPoint + "/" + path + "?");
        }
        Path inside = Path.of(path).normalize();
        Path mount = Path.of(mountPoint);
        if (!inside.startsWith(mount)) {
            throw new Refused("The path " + path + " is outside the repository " + mountPoint + " and cannot be used.");
        }
        Path host = root.resolve(mount.relativize(inside).toString()).normalize();
        // Follow links on the host: the deepest existing ancestor's real location must stay in the working copy.
        Path existing = host;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        if (existing == null) throw new Refused("The path " + path + " cannot be resolved.");
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refused("The path " + path + " points through a broken link and cannot be used.");
        }
        if (!real.startsWith(root)) {
            throw new Refused("The path " + path + " leads outside the repository " + mountPoint + " (through a link) and cannot be used.");
        }
        Path resolved = real.resolve(existing.relativize(host).toString());
        if (Files.isRegularFile(resolved) && ((Number) Files.getAttribute(resolved, "unix:nlink")).intValue() > 1) {
            throw new Refused("The path " + path + " is a file with several hard links and cannot be used.");
        }
        return resolved;
    }

    private String view(String path, Path p, String viewRange) throws Refused, IOException {
        if (!Files.exists(p)) throw missing(path);
        if (Files.isDirectory(p)) {
            if (viewRange != null) throw new Refused("The `view_range` parameter is not allowed when `path` points to a directory.");
            List<String> lines = new ArrayList<>();
            try (Stream<Path> s = Files.walk(p, 2)) {
                s.filter(x -> x.equals(p) || !hidden(p.relativize(x))).sorted()
                        .forEach(x -> lines.add(x.equals(p) ? path : path.replaceAll("/+$", "") + "/" + p.relativize(x)));
            }
            return "Here's the files and directories up to 2 levels deep in " + path + ", excluding hidden items:\n"
                    + String.join("\n", lines) + "\n";
        }
        String text = read(p);
        if (viewRange == null) return catN(path, text, 1);
        int[] r = range(viewRange);
        String[] lines = text.split("\n", -1);
        int n = lines.length;
        if (r[0] < 1 || r[0] > n) {
            throw new Refused("Invalid `view_range`: " + viewRange + ". Its first element `" + r[0]
                    + "` should be within the range of lines of the file: [1, " + n + "]");
        }
        int end = r[1] == -1 ? n : r[1];
        if (end > n) throw new Refused("Invalid `view_range`: " + viewRange + ". Its second element `" + r[1]
                + "` should be smaller than the number of lines in the file: `" + n + "`");
        if (end < r[0]) throw new Refused("Invalid `view_range`: " + viewRange + ". Its second element `" + r[1]
                + "` should be larger or equal than its first `" + r[0] + "`");
        return catN(path, String.join("\n", List.of(lines).subList(r[0] - 1, end)), r[0]);
    }

    private String create(String path, Path p, String fileText) throws Refused, IOException {
        if (fileText == null) throw new Refused("Parameter `file_text` is required for command: create");
        if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused("File already exists at: " + path + ". Cannot overwrite files using command `create`.");
        }
        Path parent = p.getParent();
        List<Path> made = new ArrayList<>();
        for (Path d = parent; d != null && !Files.exists(d); d = d.getParent()) made.add(0, d);
        Files.createDirectories(parent);
        for (Path d : made) own(d);
        write(p, fileText);
        history.computeIfAbsent(p, k -> new ArrayDeque<>());
        return "File created successfully at: " + path;
    }

    private String strReplace(String path, Path p, String oldStr, String newStr) throws Refused, IOException {
        if (oldStr == null) throw new Refused("Parameter `old_str` is required for command: str_replace");
        String text = readFile(path, p);
        String replacement = newStr == null ? "" : newStr;
        int first = text.indexOf(oldStr);
        if (first < 0) throw new Refused("No replacement was performed, old_str `" + oldStr + "` did not appear verbatim in " + path + ".");
        if (text.indexOf(oldStr, first + Math.max(1, oldStr.length())) >= 0) {
            List<Integer> lines = new ArrayList<>();
            String[] all = text.split("\n", -1);
            for (int i = 0; i < all.length; i++) if (all[i].contains(oldStr)) lines.add(i + 1);
            throw new Refused("No replacement was performed. Multiple occurrences of old_str `" + oldStr + "` in lines "
                    + lines + ". Please ensure it is unique");
        }
        String updated = text.substring(0, first) + replacement + text.substring(first + oldStr.length());
        remember(p, text);
        write(p, updated);
        int line = count(text.substring(0, first));
        int start = Math.max(0, line - SNIPPET_LINES);
        int end = line + SNIPPET_LINES + count(replacement);
        return "The file " + path + " has been edited. " + snippet(path, updated, start, end)
                + "Review the changes and make sure they are as expected. Edit the file again if necessary.";
    }

    private String insert(String path, Path p, String insertLine, String newStr) throws Refused, IOException {
        if (insertLine == null) throw new Refused("Parameter `insert_line` is required for command: insert");
        if (newStr == null) throw new Refused("Parameter `new_str` is required for command: insert");
        String text = readFile(path, p);
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int n = lines.size();
        int at;
        try {
            at = Integer.parseInt(insertLine.strip());
        } catch (NumberFormatException e) {
            throw new Refused("Invalid `insert_line` parameter: " + insertLine + ". It should be an integer.");
        }
        if (at < 0 || at > n) {
            throw new Refused("Invalid `insert_line` parameter: " + at + ". It should be within the range of lines of the file: [0, " + n + "]");
        }
        lines.addAll(at, List.of(newStr.split("\n", -1)));
        String updated = String.join("\n", lines);
        remember(p, text);
        write(p, updated);
        int start = Math.max(0, at - SNIPPET_LINES);
        int end = at + SNIPPET_LINES + count(newStr);
        return "The file " + path + " has been edited. " + snippet("the edited file", updated, start, end)
                + "Review the changes and make sure they are as expected (correct indentation, no duplicate lines, etc). Edit the file again if necessary.";
    }

    private String undo(String path, Path p) throws Refused, IOException {
        Deque<String> h = history.get(p);
        if (h == null || h.isEmpty()) throw new Refused("No edit history found for " + path + ".");
        String previous = h.pop();
        write(p, previous);
        return "Last edit to " + path + " undone successfully. " + catN(path, previous, 1);
    }

    private String readFile(String path, Path p) throws Refused, IOException {
        if (!Files.exists(p)) throw missing(path);
        if (Files.isDirectory(p)) {
            throw new Refused("The path " + path + " is a directory and only the `view` command can be used on directories");
        }
        return read(p);
    }

    private static Refused missing(String path) {
        return new Refused("The path " + path + " does not exist. Please provide a valid path.");
    }

    private static String read(Path p) throws Refused, IOException {
        if (Files.size(p) > MAX_FILE_BYTES) throw new Refused("The file is larger than " + MAX_FILE_BYTES + " bytes; use bash to inspect it.");
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(Files.readAllBytes(p))).toString();
    }

    private void write(Path p, String text) throws IOException {
        boolean created = !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        if (created) own(p);
    }

    private void own(Path p) throws IOException {
        if (ownerUid >= 0) Ownership.set(p, ownerUid);
    }

    private void remember(Path p, String before) {
        history.computeIfAbsent(p, k -> new ArrayDeque<>()).push(before);
    }

    private static boolean hidden(Path rel) {
        for (Path part : rel) if (part.toString().startsWith(".")) return true;
        return false;
    }

    private static int[] range(String viewRange) throws Refused {
        String s = viewRange.strip();
        if (s.startsWith("[") && s.endsWith("]")) s = s.substring(1, s.length() - 1);
        String[] parts = s.split("[,\\s]+");
        try {
            if (parts.length == 2) return new int[]{Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip())};
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new Refused("Invalid `view_range`. It should be a list of two integers.");
    }

    private static int count(String s) {
        int c = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') c++;
        return c;
    }

    /** {@code cat -n} of {@code text}, numbered from {@code firstLine}, SWE-agent's way. */
    static String catN(String descriptor, String text, int firstLine) {
        return "Here's the result of running `cat -n` on " + descriptor + ":\n" + numbered(text, firstLine) + "\n";
    }

    private static String snippet(String descriptor, String text, int start, int end) {
        String[] lines = text.split("\n", -1);
        int to = Math.min(lines.length, end + 1);
        return "Here's the result of running `cat -n` on a snippet of " + descriptor + ":\n"
                + numbered(String.join("\n", List.of(lines).subList(start, to)), start + 1) + "\n";
    }

    private static String numbered(String text, int first) {
        String[] lines = text.split("\n", -1);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) s.append('\n');
            s.append(String.format("%6d\t%s", first + i, lines[i]));
        }
        return s.toString();
    }
}
