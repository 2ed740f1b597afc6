package dev.srl.math.answer;

import dev.srl.core.reward.RewardRequest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AnswerExtractorTest {

    private static String answer(String text) {
        return AnswerExtractor.extract(text).map(AnswerExtractor.Extraction::answer).orElse(null);
    }

    @Test
    void boxedWithNestedBracesLastWins() {
        assertEquals("\\frac{1}{\\sqrt{2}}", answer("first \\boxed{3}, finally \\(\\boxed{\\frac{1}{\\sqrt{2}}}\\)."));
        assertEquals("128", answer("Thus, the number ... is \\(\\boxed{128}\\)."));
        assertEquals("\\{1,2\\}", answer("\\boxed{\\{1,2\\}}"));
        assertEquals("7", answer("so $\\fbox{7}$"));
        assertEquals("5", answer("the value is $\\boxed 5$ and more"));
        assertEquals("4", answer("\\boxed{4} then an unclosed \\boxed{5"), "malformed last box falls back to an earlier one");
        assertEquals(AnswerExtractor.Method.BOXED, AnswerExtractor.extract("\\boxed{1}").get().method());
    }

    @Test
    void answerPhrasesThenLastNumber() {
        assertEquals("4.5e33", answer("Final answer: The final answer is $4.5e33$. I hope it is correct."));
        assertEquals("12", answer("So the final answer is 12. Done."));
        assertEquals("x = 3", answer("Therefore the answer is x = 3"));
        var last = AnswerExtractor.extract("We get 3 apples, then 1,234 pears and -2.5 kg.").get();
        assertEquals("-2.5", last.answer());
        assertEquals(AnswerExtractor.Method.LAST_NUMBER, last.method());
        assertEquals("1234", answer("total 1,234"));
        assertTrue(AnswerExtractor.extract("no answer here").isEmpty());
    }

    @Test
    void normalizerRules() {
        assertEquals("\\frac{1}{2}", AnswerNormalizer.normalize("\\dfrac12 \\text{ cm}"));
        assertEquals("\\frac{1}{72}", AnswerNormalizer.normalize("\\frac1{72}"));
        assertEquals("\\frac{3}{4}", AnswerNormalizer.normalize("3/4."));
        assertEquals("(1,2)", AnswerNormalizer.normalize("\\left( 1, 2 \\right)"));
        assertEquals("{1,2}", AnswerNormalizer.normalize("\\{1,2\\}"));
        assertEquals("\\infty", AnswerNormalizer.normalize("infinity"));
        assertEquals("\\le", AnswerNormalizer.normalize("\\leq"));
        assertEquals("27", AnswerNormalizer.normalize("27.0"));
        assertEquals("0.5", AnswerNormalizer.normalize(".5"));
        assertEquals("5", AnswerNormalizer.normalize("\\boxed{5}"));
        assertEquals("\\begin{pmatrix}1&2\\end{pmatrix}", AnswerNormalizer.normalize("\\begin{bmatrix}1&2\\end{bmatrix}"));
        assertEquals("10", AnswerNormalizer.normalize("10 \\text{ dollars}"));
        assertEquals("10", AnswerNormalizer.normalize("10 inches"));
    }

    @Test
    void outcomeReward() {
        var r = new MathAnswerReward();
        double[] s = r.score(List.of(
                new RewardRequest("<think>maybe 7</think> So the sum is \\boxed{12}.", "12"),
                new RewardRequest("The answer is \\boxed{\\frac{24}{2}}", "\\boxed{12}"),
                new RewardRequest("It is \\boxed{13}", "12"),
                new RewardRequest("It is \\boxed{(x+1)^2}", "x^2+2x+1"),
                new RewardRequest("I think it is 12", "12"),
                new RewardRequest("no idea", "12")));
        assertArrayEquals(new double[]{1, 1, 0, 0, 1, 0}, s);
        assertEquals(0.0, new MathAnswerReward(true).score(List.of(new RewardRequest("I think it is 12", "12")))[0]);
        assertEquals(Verdict.UNKNOWN, r.verdict("\\boxed{(x+1)^2}", "x^2+2x+1"));
        assertEquals("math_answer", r.name());
    }
}
