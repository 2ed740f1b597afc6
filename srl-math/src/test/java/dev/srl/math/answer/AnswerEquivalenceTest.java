package dev.srl.math.answer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The equivalence corpus: one row per rule, with cases that must be EQUAL, NOT_EQUAL and UNKNOWN. */
class AnswerEquivalenceTest {

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # normalized strings
            128                      | 128                          | EQUAL
            023                      | 23                           | EQUAL
            27.0                     | 27                           | EQUAL
            \\text{Yes}              | yes                          | EQUAL
            5 \\text{ cm}            | 5                            | EQUAL
            10^\\circ                | 10                           | EQUAL
            \\$18.90                 | 18.9                         | EQUAL
            x = 5                    | 5                            | EQUAL
            5                        | y=5                          | EQUAL
            x+y=5                    | 5                            | UNKNOWN
            \\left( 3, \\frac{\\pi}{2} \\right) | (3,\\frac{\\pi}{2}) | EQUAL
            # integers, decimals, thousands separators
            12                       | 123                          | NOT_EQUAL
            100,000                  | 100000                       | EQUAL
            1{,}000                  | 1000                         | EQUAL
            -7                       | - 7                          | EQUAL
            .5                       | 0.5                          | EQUAL
            # fractions
            \\frac{1}{2}             | 0.5                          | EQUAL
            \\frac{1}{2}             | 0.51                         | NOT_EQUAL
            \\dfrac{3}{4}            | \\tfrac34                    | EQUAL
            3/4                      | \\frac{6}{8}                 | EQUAL
            \\frac{1}{3}             | 0.3333333                    | EQUAL
            \\frac{1}{3}             | 0.333                        | NOT_EQUAL
            -\\frac{2}{3}            | \\frac{-2}{3}                | EQUAL
            # roots and pi
            2\\sqrt{3}               | \\sqrt{12}                   | EQUAL
            \\sqrt3                  | \\sqrt{3}                    | EQUAL
            \\sqrt{2}/2              | \\frac{\\sqrt{2}}{2}         | EQUAL
            \\sqrt[3]{8}             | 2                            | EQUAL
            2\\sqrt{3}               | 3\\sqrt{2}                   | NOT_EQUAL
            \\frac{\\pi}{2}          | 1.5707963                    | EQUAL
            3\\pi                    | 9.42                         | NOT_EQUAL
            # percent
            50\\%                    | 50                           | EQUAL
            50\\%                    | 0.5                          | EQUAL
            50\\%                    | 0.6                          | NOT_EQUAL
            # scientific notation
            4.5e33                   | 4.5\\times10^{33}            | EQUAL
            4.5e33                   | 4.5 \\times 10^{33}          | EQUAL
            4.5e33                   | 4.6e33                       | NOT_EQUAL
            3\\times 10^{-2}         | 0.03                         | EQUAL
            2^{10}                   | 1024                         | EQUAL
            # big integers are exact: a relative tolerance must not merge them
            2432902008176640000      | 2432902008176640001          | NOT_EQUAL
            10^{400}                 | 9.99\\times10^{399}          | NOT_EQUAL
            10^{400}                 | 1.0000001\\times10^{400}     | EQUAL
            \\infty                  | 10^{100000}                  | UNKNOWN
            -\\infty                 | \\infty                      | NOT_EQUAL
            # tuples and intervals
            (1,2)                    | (1, 2)                       | EQUAL
            (1,2)                    | [1,2]                        | NOT_EQUAL
            [1,2)                    | [1,2]                        | NOT_EQUAL
            (-\\infty, 3]            | (-inf,3]                     | EQUAL
            (1,\\frac{1}{2})         | (1,0.5)                      | EQUAL
            (1,2)                    | (1,2,3)                      | NOT_EQUAL
            (1,x)                    | (2,x)                        | NOT_EQUAL
            (1,x^2)                  | (1,x\\cdot x)                | UNKNOWN
            (1,2)                    | 3                            | NOT_EQUAL
            # sets and lists
            \\{1,2,3\\}              | \\{3,2,1\\}                  | EQUAL
            1, 2                     | 2,1                          | EQUAL
            1 and 2                  | 1,2                          | EQUAL
            \\{1,2\\}                | \\{1,3\\}                    | NOT_EQUAL
            \\emptyset               | \\{\\}                       | EQUAL
            \\{1,2\\}                | (1,2)                        | NOT_EQUAL
            # multiple choice
            B                        | (B)                          | EQUAL
            (C)                      | \\textbf{(C)}                | EQUAL
            C                        | D                            | NOT_EQUAL
            C                        | 17                           | UNKNOWN
            # symbolic: undecidable here, never guessed
            x^2+2x+1                 | (x+1)^2                      | UNKNOWN
            \\frac{x}{2}             | 0.5x                         | UNKNOWN
            2^10                     | 1024                         | UNKNOWN
            # missing prediction
            5                        | ` `                          | NOT_EQUAL
            """)
    void corpus(String gold, String predicted, Verdict expected) {
        assertEquals(expected, AnswerEquivalence.compare(gold, predicted));
    }

    @Test
    void matricesCellByCell() {
        String m = "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}";
        assertEquals(Verdict.EQUAL, AnswerEquivalence.compare(m, "\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}"));
        assertEquals(Verdict.EQUAL, AnswerEquivalence.compare(m, "\\left(\\begin{array}{cc}1&\\frac{4}{2}\\\\3&4\\end{array}\\right)"));
        assertEquals(Verdict.NOT_EQUAL, AnswerEquivalence.compare(m, "\\begin{pmatrix}1&2\\\\3&5\\end{pmatrix}"));
        assertEquals(Verdict.NOT_EQUAL, AnswerEquivalence.compare(m, "\\begin{pmatrix}1&2&3\\\\4&5&6\\end{pmatrix}"));
        assertEquals(Verdict.NOT_EQUAL, AnswerEquivalence.compare(m, "4"));
        assertEquals(Verdict.UNKNOWN, AnswerEquivalence.compare("\\begin{pmatrix}x\\\\1\\end{pmatrix}",
                "\\begin{pmatrix}2x/2\\\\1\\end{pmatrix}"));
    }
}
