package dev.srl.math.answer;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the final answer in a model's (or an expert's) solution text, in this order:
 * <ol>
 *   <li>the last {@code \boxed{...}} or {@code \fbox{...}} (nested braces counted), or the
 *       {@code \boxed 5} form, which ends at the next {@code $} or the end of the line;</li>
 *   <li>the text after the last "final answer is" (a {@code $...$} span, else up to the end of the
 *       sentence), then after the last "the answer is";</li>
 *   <li>the last number in the text (thousands commas removed).</li>
 * </ol>
 * The result is the raw answer text; {@link AnswerNormalizer} cleans it.
 *
 * <pre>{@code
 * AnswerExtractor.extract("so \\(\\boxed{\\frac{1}{2}}\\).").get().answer();   // "\\frac{1}{2}"
 * }</pre>
 */
public final class AnswerExtractor {

    /** How an answer was found. */
    public enum Method { BOXED, ANSWER_PHRASE, LAST_NUMBER }

    /** An extracted answer and how it was found. */
    public record Extraction(String answer, Method method) {
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:,\\d{3})*(?:\\.\\d+)?|-?\\.\\d+");
    private static final String[] PHRASES = {"final answer is", "the answer is"};

    private AnswerExtractor() {
    }

    /** The answer by the first method that finds one, or empty when the text has none. */
    public static Optional<Extraction> extract(String text) {
        Optional<String> boxed = lastBoxed(text);
        if (boxed.isPresent()) return Optional.of(new Extraction(boxed.get(), Method.BOXED));
        for (String phrase : PHRASES) {
            Optional<String> a = afterPhrase(text, phrase);
            if (a.isPresent()) return Optional.of(new Extraction(a.get(), Method.ANSWER_PHRASE));
        }
        Matcher m = NUMBER.matcher(text);
        String last = null;
        while (m.find()) last = m.group();
        return last == null ? Optional.empty()
                : Optional.of(new Extraction(last.replace(",", ""), Method.LAST_NUMBER));
    }

    /** The content of the last well-formed {@code \boxed} or {@code \fbox} in {@code text}, if any. */
    public static Optional<String> lastBoxed(String text) {
        int from = text.length();
        while (true) {
            int b = text.lastIndexOf("\\boxed", from);
            int f = text.lastIndexOf("\\fbox", from);
            int at = Math.max(b, f);
            if (at < 0) return Optional.empty();
            int after = at + (at == b ? "\\boxed".length() : "\\fbox".length());
            String content = contentAfter(text, after);
            if (content != null) return Optional.of(content.strip());
            from = at - 1;
            if (from < 0) return Optional.empty();
        }
    }

    /** The braced group (or space form) starting at {@code i}; {@code null} when malformed or empty. */
    private static String contentAfter(String text, int i) {
        if (i >= text.length()) return null;
        char c = text.charAt(i);
        if (c == '{') {
            int depth = 0;
            for (int j = i; j < text.length(); j++) {
                char d = text.charAt(j);
                if (d == '\\' && j + 1 < text.length()) { j++; continue; } // \{ and \} do not nest
                if (d == '{') depth++;
                else if (d == '}' && --depth == 0) return text.substring(i + 1, j);
            }
            return null;
        }
        if (c == ' ') {
            int end = i + 1;
            while (end < text.length() && text.charAt(end) != '$' && text.charAt(end) != '\n') end++;
            String s = text.substring(i + 1, end).strip();
            return s.isEmpty() ? null : s;
        }
        return null;
    }

    private static Optional<String> afterPhrase(String text, String phrase) {
        int at = text.toLowerCase(Locale.ROOT).lastIndexOf(phrase);
        if (at < 0) return Optional.empty();
        String rest = text.substring(at + phrase.length()).stripLeading();
        if (rest.startsWith(":")) rest = rest.substring(1).stripLeading();
        String answer;
        if (rest.startsWith("$")) {
            String inner = rest.replaceFirst("^\\$+", "");
            int end = inner.indexOf('$');
            answer = end < 0 ? inner : inner.substring(0, end);
        } else {
            int nl = rest.indexOf('\n');
            answer = nl < 0 ? rest : rest.substring(0, nl);
            int hope = answer.indexOf("I hope");
            if (hope >= 0) answer = answer.substring(0, hope);
            int stop = answer.indexOf(". ");
            if (stop >= 0) answer = answer.substring(0, stop);
        }
        answer = answer.strip();
        while (answer.endsWith(".")) answer = answer.substring(0, answer.length() - 1).strip();
        return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
    }
}
