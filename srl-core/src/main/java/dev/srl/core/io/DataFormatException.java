package dev.srl.core.io;

/**
 * Bad input in a data file: the message always names where (file and line) and, when known, which field.
 *
 * <pre>{@code
 * throw new DataFormatException("train.jsonl", 17, "steps[2].action", "expected a string, got a number");
 * // -> train.jsonl:17: field 'steps[2].action': expected a string, got a number
 * }</pre>
 */
public final class DataFormatException extends RuntimeException {
    private final String source;
    private final long line;
    private final String field;

    public DataFormatException(String source, long line, String field, String problem) {
        this(source, line, field, problem, null);
    }

    public DataFormatException(String source, long line, String field, String problem, Throwable cause) {
        super(format(source, line, field, problem), cause);
        this.source = source;
        this.line = line;
        this.field = field;
    }

    private static String format(String source, long line, String field, String problem) {
        StringBuilder s = new StringBuilder(source == null ? "<input>" : source);
        if (line > 0) s.append(':').append(line);
        s.append(": ");
        if (field != null && !field.isEmpty()) s.append("field '").append(field).append("': ");
        return s.append(problem).toString();
    }

    /** The file (or stream name) that held the bad input. */
    public String source() { return source; }

    /** The 1-based line number, or 0 when the problem is not tied to one line. */
    public long line() { return line; }

    /** The JSON path of the bad field, or {@code null}. */
    public String field() { return field; }
}
