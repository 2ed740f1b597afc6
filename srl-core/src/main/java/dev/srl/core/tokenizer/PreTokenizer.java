package dev.srl.core.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Cuts normalized text into the pieces BPE works on: zero or more regex splits ("Isolated": matches and the
 * text between them both become pieces), then the ByteLevel step, which may add a leading space and split
 * with GPT-2's own regex. The byte mapping itself happens in {@link BpeModel}.
 *
 * <p>Hugging Face compiles these regexes with Oniguruma, whose {@code \s}, {@code \p{L}}, {@code (?i)} are
 * Unicode-aware; Java's match only with {@link Pattern#UNICODE_CHARACTER_CLASS} (without it, U+3000 is not
 * {@code \s} and Qwen's tokens differ).
 */
final class PreTokenizer {
    /** The regex of Hugging Face's ByteLevel pre-tokenizer when {@code use_regex} is true (GPT-2's). */
    static final String GPT2_REGEX =
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

    private static final Set<String> GENERAL_CATEGORIES = Set.of(
            "L", "Lu", "Ll", "Lt", "Lm", "Lo", "LC", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No",
            "P", "Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "S", "Sm", "Sc", "Sk", "So",
            "Z", "Zs", "Zl", "Zp", "C", "Cc", "Cf", "Cs", "Co", "Cn");

    private final List<Pattern> splits;
    private final boolean addPrefixSpace;
    private final Pattern byteLevelRegex;

    /**
     * @param splits         the Split steps, in order
     * @param addPrefixSpace ByteLevel's {@code add_prefix_space}
     * @param useRegex       ByteLevel's {@code use_regex}
     */
    PreTokenizer(List<Pattern> splits, boolean addPrefixSpace, boolean useRegex) {
        this.splits = List.copyOf(splits);
        this.addPrefixSpace = addPrefixSpace;
        this.byteLevelRegex = useRegex ? compile(GPT2_REGEX) : null;
    }

    /** Feeds the pieces of {@code text} to {@code out} in order; empty pieces are dropped, as in HF. */
    void split(String text, Consumer<String> out) {
        List<String> pieces = List.of(text);
        for (Pattern p : splits) {
            List<String> next = new ArrayList<>();
            for (String piece : pieces) isolate(p, piece, next::add);
            pieces = next;
        }
        for (String piece : pieces) {
            // HF adds the space to every piece left by the earlier splits, not just to the start of the text.
            String s = addPrefixSpace && !piece.startsWith(" ") ? " " + piece : piece;
            if (byteLevelRegex == null) {
                out.accept(s);
            } else {
                isolate(byteLevelRegex, s, out);
            }
        }
    }

    private static void isolate(Pattern p, String text, Consumer<String> out) {
        Matcher m = p.matcher(text);
        int last = 0;
        while (m.find()) {
            if (m.start() == m.end()) continue;
            if (m.start() > last) out.accept(text.substring(last, m.start()));
            out.accept(text.substring(m.start(), m.end()));
            last = m.end();
        }
        if (last < text.length()) out.accept(text.substring(last));
    }

    /**
     * Compiles a regex written for Oniguruma. The syntax the known tokenizers use (GPT-2, Qwen2, Llama 3,
     * GPT-4o) means the same in Java once Unicode classes are on; Oniguruma's script and property names
     * ({@code \p{Han}}, {@code \p{^L}}) are rewritten to Java's ({@code \p{IsHan}}, {@code \P{L}}).
     */
    static Pattern compile(String onig) {
        StringBuilder java = new StringBuilder(onig.length() + 8);
        for (int i = 0; i < onig.length(); i++) {
            char c = onig.charAt(i);
            if (c != '\\' || i + 1 >= onig.length()) {
                java.append(c);
                continue;
            }
            char e = onig.charAt(i + 1);
            int close = onig.indexOf('}', i);
            if ((e == 'p' || e == 'P') && i + 2 < onig.length() && onig.charAt(i + 2) == '{' && close > 0) {
                String name = onig.substring(i + 3, close);
                boolean negate = e == 'P';
                if (name.startsWith("^")) {
                    negate = !negate;
                    name = name.substring(1);
                }
                String javaName = GENERAL_CATEGORIES.contains(name) ? name : "Is" + name;
                java.append('\\').append(negate ? 'P' : 'p').append('{').append(javaName).append('}');
                i = close;
            } else {
                java.append(c).append(e);
                i++;
            }
        }
        try {
            return Pattern.compile(java.toString(), Pattern.UNICODE_CHARACTER_CLASS);
        } catch (PatternSyntaxException ex) {
            throw new IllegalArgumentException("regex " + onig + " cannot be compiled in Java: " + ex.getDescription(), ex);
        }
    }
}
