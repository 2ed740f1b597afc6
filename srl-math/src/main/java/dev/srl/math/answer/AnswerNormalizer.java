package dev.srl.math.answer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Puts an answer string in a canonical form so that equal answers written differently compare equal as
 * strings. The rules are the union used by the Hendrycks MATH checker, Qwen2.5-Math's {@code strip_string},
 * Minerva's {@code normalize_final_answer} and latex2sympy2_extended, in this order:
 * <ol>
 *   <li>newlines and a trailing period go; {@code \!}, {@code \,}, {@code \;}, {@code \:}, {@code \ } and
 *       {@code \displaystyle} are removed;</li>
 *   <li>{@code \dfrac}, {@code \tfrac}, {@code \cfrac} become {@code \frac}; {@code \left}, {@code \right},
 *       {@code \mleft}, {@code \mright} are dropped; {@code \{ \}} become {@code { }}; {@code bmatrix} and
 *       {@code array} become {@code pmatrix} (and parentheses around a whole matrix go);</li>
 *   <li>degrees ({@code ^\circ}, {@code ^{\circ}}, °), percent signs and dollar signs are removed;</li>
 *   <li>a trailing {@code \text{unit}} and a trailing unit word (cm, inches, mph, dollars, ...) after a number
 *       are removed; {@code \text{..}}, {@code \textbf{..}}, {@code \mbox{..}}, {@code \mathrm{..}} become
 *       their content;</li>
 *   <li>{@code \neq \leq \geq} become {@code \ne \le \ge}; {@code infinity}/{@code inf} become {@code \infty};
 *       {@code \emptyset}/{@code \varnothing} become {@code {}}; " and " becomes a comma (a list), which is
 *       safer than deleting it; then all spaces are removed;</li>
 *   <li>shorthand fractions and roots are braced ({@code \frac12}, {@code \frac1{72}}, {@code \sqrt3});
 *       an integer ratio {@code a/b} becomes {@code \frac{a}{b}};</li>
 *   <li>decimals get a leading zero ({@code .5} becomes {@code 0.5}); trailing zero decimals go
 *       ({@code 27.0} becomes {@code 27}, so AMC's float answers read as integers);</li>
 *   <li>thousands separators go when the whole answer is digits and commas ({@code 100,000}), and
 *       {@code {,}} goes anywhere;</li>
 *   <li>an assignment with a left side of at most two characters keeps its right side
 *       ({@code x=5} becomes {@code 5}).</li>
 * </ol>
 * The π sign becomes {@code \pi}. An answer given whole as {@code \boxed{...}} is unwrapped first.
 *
 * <pre>{@code
 * AnswerNormalizer.normalize("\\dfrac12 \\text{ cm}");   // "\\frac{1}{2}"
 * }</pre>
 */
public final class AnswerNormalizer {

    private static final Pattern THIN_SPACE = Pattern.compile("(?<!\\\\)\\\\[!,;: ]");
    private static final Pattern PAREN_MATRIX = Pattern.compile("^\\((\\\\begin\\{pmatrix\\}.*\\\\end\\{pmatrix\\})\\)$");
    private static final Pattern LEFT_RIGHT = Pattern.compile("\\\\(?:left|right|mleft|mright)(?![a-zA-Z])");
    private static final Pattern TRAILING_TEXT_UNIT =
            Pattern.compile("^(.*\\S)\\s*\\\\(?:text|mbox|mathrm|textrm)\\{\\s*[a-zA-Z][a-zA-Z ./^0-9]*\\}$");
    private static final Pattern TRAILING_UNIT_WORD = Pattern.compile(
            "^(.*[0-9}])\\s*(?:cm|mm|km|meters|meter|metres|inches|inch|feet|foot|ft|yards|yd|miles|mile|mph|kph"
                    + "|degrees|degree|dollars|dollar|cents|cent|units|unit|square units|sq units|seconds|second"
                    + "|minutes|minute|hours|hour|days|day|grams|gram|kg|pounds|lbs|liters|litres|ml)\\.?$");
    private static final Pattern TEXT_COMMAND =
            Pattern.compile("\\\\(?:text|textbf|textit|textrm|mbox|mathrm|mathbf|rm)\\{([^{}]*)\\}");
    private static final Pattern FRAC_TWO_DIGITS = Pattern.compile("\\\\frac(\\d)(\\d)");
    private static final Pattern FRAC_DIGIT_BRACE = Pattern.compile("\\\\frac(\\d)\\{");
    private static final Pattern FRAC_BRACE_DIGIT = Pattern.compile("\\\\frac\\{([^{}]*)\\}(\\d)");
    private static final Pattern SQRT_SHORT = Pattern.compile("\\\\sqrt([0-9a-zA-Z])");
    private static final Pattern INT_RATIO = Pattern.compile("^(-?\\d+)/(\\d+)$");
    private static final Pattern LEADING_DOT = Pattern.compile("(?<![0-9])\\.(\\d)");
    private static final Pattern TRAILING_ZEROS = Pattern.compile("(\\d)\\.0+(?![0-9])");
    private static final Pattern THOUSANDS = Pattern.compile("^-?\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?$");
    private static final Pattern INFINITY = Pattern.compile("(?<![\\\\a-zA-Z])(?:infinity|inf)(?![a-zA-Z])");

    private AnswerNormalizer() {
    }

    /** The canonical form of {@code answer}. */
    public static String normalize(String answer) {
        String s = answer.replace('\n', ' ').replace('\r', ' ').strip();
        if (s.startsWith("\\boxed{") && s.endsWith("}")) {
            s = AnswerExtractor.lastBoxed(s).orElse(s);
        }
        s = stripTrailingPeriod(s);
        // thin spaces, but not the row break \\\\ followed by a space
        s = THIN_SPACE.matcher(s).replaceAll(m -> m.group().equals("\\!") ? "" : " ").replace("\\displaystyle", "");
        s = s.replace("\\dfrac", "\\frac").replace("\\tfrac", "\\frac").replace("\\cfrac", "\\frac");
        s = LEFT_RIGHT.matcher(s).replaceAll("");
        s = s.replace("\\{", "{").replace("\\}", "}");
        s = s.replaceAll("\\\\begin\\{array\\}\\{[a-z|]*\\}", "\\\\begin{pmatrix}")
                .replace("\\end{array}", "\\end{pmatrix}")
                .replace("bmatrix", "pmatrix");
        s = s.replace("^{\\circ}", "").replace("^\\circ", "").replace("°", "");
        s = s.replace("\\%", "").replace("%", "");
        s = s.replace("\\$", "").replace("$", "");
        s = s.replace("\\mathrm{th}", "").replace("^{th}", "");
        s = s.strip();
        Matcher unit = TRAILING_TEXT_UNIT.matcher(s);
        if (unit.matches()) s = unit.group(1);
        Matcher word = TRAILING_UNIT_WORD.matcher(s);
        if (word.matches()) s = word.group(1);
        String before;
        do {
            before = s;
            s = TEXT_COMMAND.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(1)));
        } while (!s.equals(before));
        s = s.replace("\\neq", "\\ne").replace("\\leq", "\\le").replace("\\geq", "\\ge");
        s = INFINITY.matcher(s).replaceAll(Matcher.quoteReplacement("\\infty"));
        s = s.replace("\\emptyset", "{}").replace("\\varnothing", "{}");
        s = s.replace("π", "\\pi");
        s = s.replace(" and ", ",");
        s = s.replaceAll("\\s+", "");
        Matcher wrapped = PAREN_MATRIX.matcher(s);
        if (wrapped.matches()) s = wrapped.group(1); // \left(\begin{array}..\end{array}\right) is a pmatrix already
        s = FRAC_TWO_DIGITS.matcher(s).replaceAll("\\\\frac{$1}{$2}");
        s = FRAC_DIGIT_BRACE.matcher(s).replaceAll("\\\\frac{$1}{");
        s = FRAC_BRACE_DIGIT.matcher(s).replaceAll("\\\\frac{$1}{$2}");
        s = SQRT_SHORT.matcher(s).replaceAll("\\\\sqrt{$1}");
        s = s.replace("{,}", "");
        if (THOUSANDS.matcher(s).matches()) s = s.replace(",", "");
        s = LEADING_DOT.matcher(s).replaceAll("0.$1");
        s = TRAILING_ZEROS.matcher(s).replaceAll("$1");
        Matcher ratio = INT_RATIO.matcher(s);
        if (ratio.matches()) s = "\\frac{" + ratio.group(1) + "}{" + ratio.group(2) + "}";
        String[] sides = s.split("=", -1);
        if (sides.length == 2 && sides[0].length() <= 2 && !sides[1].isEmpty()) s = sides[1];
        return stripTrailingPeriod(s);
    }

    private static String stripTrailingPeriod(String s) {
        String t = s.strip();
        while (t.endsWith(".") && !t.endsWith("\\.")) t = t.substring(0, t.length() - 1).strip();
        return t;
    }
}
