package dev.srl.core.tokenizer;

import dev.srl.core.prompt.ChatMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatTemplateTest {
    @Test
    void rendersChatMlWithAndWithoutGenerationPrompt() {
        List<ChatMessage> messages = List.of(ChatMessage.system("Be brief."), ChatMessage.user("2+2?"));
        String closed = "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\n2+2?<|im_end|>\n";
        assertEquals(closed, ChatTemplate.CHATML.render(messages, false));
        assertEquals(closed + "<|im_start|>assistant\n", ChatTemplate.CHATML.render(messages, true));
        assertEquals("<|im_start|>assistant\n", ChatTemplate.CHATML.render(List.of(), true));
    }

    @Test
    void renderedTagsBecomeSingleTokens() {
        CharTokenizer tok = CharTokenizer.ofAlphabet("\nabcdeirstu");
        int[] ids = tok.encode(ChatTemplate.CHATML.render(List.of(ChatMessage.user("a")), false));
        int start = tok.tokenId("<|im_start|>").getAsInt();
        int end = tok.tokenId("<|im_end|>").getAsInt();
        int nl = tok.tokenId("\n").getAsInt();
        int[] user = tok.encode("user");
        int[] expected = {start, user[0], user[1], user[2], user[3], nl, tok.tokenId("a").getAsInt(), end, nl};
        assertArrayEquals(expected, ids);
    }

    @Test
    void refusesEmptyRoleAndTokens() {
        assertThrows(IllegalArgumentException.class, () -> new ChatMessage(" ", "x"));
        assertThrows(IllegalArgumentException.class, () -> new ChatTemplate("", "<e>"));
    }
}
