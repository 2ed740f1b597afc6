package dev.srl.math.s1k;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Rows in the s1K-1.1 layout (13 string columns), written from the documented schema for tests. */
final class S1kRecords {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private S1kRecords() {
    }

    /** The DeepSeek attempt of row 0, in the shape of the real record (abbreviated bullets). */
    static final String RECORD0_ATTEMPT = """
            Given a rational number between 0 and 1, we need to write it as a fraction in lowest terms \\(\\frac{a}{b}\\) \
            and calculate the product of the resulting numerator and denominator. We need to determine how many such \
            rational numbers exist where the product \\(a \\times b = 20!\\).

            1. **Prime Factorization of 20!**:
               - The prime factors of 20! are 2, 3, 5, 7, 11, 13, 17, and 19. These are 8 distinct primes.

            2. **Coprime Pairs**:
               - For \\(a \\times b = 20!\\) and \\(\\gcd(a, b) = 1\\), each prime factor of 20! must be assigned entirely to either \\(a\\) or \\(b\\).
               - This results in \\(2^8 = 256\\) coprime pairs \\((a, b)\\).

            3. **Counting Pairs \\(a < b\\)**:
               - Since \\(a\\) and \\(b\\) are coprime and \\(a \\times b = 20!\\), each pair \\((a, b)\\) and \\((b, a)\\) are distinct.
               - To find pairs where \\(a < b\\), we divide the total number of pairs by 2.

            4. **Result**:
               - The number of coprime pairs \\((a, b)\\) with \\(a < b\\) is \\(\\frac{256}{2} = 128\\).

            Thus, the number of rational numbers between 0 and 1 for which the product of the numerator and denominator \
            in lowest terms is \\(20!\\) is \\(\\boxed{128}\\).""";

    static final String RECORD0_QUESTION = "Given a rational number, write it as a fraction in lowest terms and calculate "
            + "the product of the resulting numerator and denominator. For how many rational numbers between 0 and 1 "
            + "will $20_{}^{}!$ be the resulting product?";

    static final String RECORD0_METADATA = "{'ID': '1991-5', 'Year': 1991, 'Problem Number': 5, 'Part': None}";

    /** A full 13-column row. */
    static ObjectNode row(String question, String solution, String deepseekAttempt, String deepseekGrade,
                          String geminiAttempt, String geminiGrade) {
        ObjectNode r = MAPPER.createObjectNode();
        r.put("solution", solution);
        r.put("question", question);
        r.put("cot_type", "math");
        r.put("source_type", "qq8933/AIME_1983_2024");
        r.put("metadata", RECORD0_METADATA);
        r.put("gemini_thinking_trajectory", "Let me think about coprime pairs...");
        r.put("gemini_attempt", geminiAttempt);
        r.put("deepseek_thinking_trajectory", "Okay, so I need to figure out how many rational numbers...");
        r.put("deepseek_attempt", deepseekAttempt);
        r.put("gemini_grade", geminiGrade);
        r.put("gemini_grade_reason", "The attempt's answer matches the correct answer.");
        r.put("deepseek_grade", deepseekGrade);
        r.put("deepseek_grade_reason", "I'll verify the attempt against the correct answer 128.");
        return r;
    }

    static ObjectNode record0() {
        return row(RECORD0_QUESTION, "128", RECORD0_ATTEMPT, "Yes",
                "Solution:\nLet the rational number be $a/b$ ...\n\nFinal Answer: The final answer is $\\boxed{128}$", "Yes");
    }

    static String jsonl(ObjectNode... rows) throws Exception {
        StringBuilder s = new StringBuilder();
        for (ObjectNode r : rows) s.append(MAPPER.writeValueAsString(r)).append('\n');
        return s.toString();
    }
}
