package dev.srl.swe.sandbox;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class CommandPolicyTest {

    @Test
    void refusesInteractiveProgramsAnywhereInTheLine() {
        for (String c : new String[]{"vim a.py", "cd /testbed && nano a.py", "git log | less", "ls; /usr/bin/vi x",
                "FOO=1 top", "sudo emacs f", "python3", "  bash  ", "cd x && python", "tail -f log.txt", "man ls",
                "echo ok\nipython", "cat f | more"}) {
            assertNotNull(CommandPolicy.refusal(c), c);
        }
    }

    @Test
    void allowsOrdinaryCommandsAndCodeInQuotesOrHereDocuments() {
        for (String c : new String[]{"ls -la", "python3 reproduce.py", "python3 -c 'import x; top = 1'", "bash run.sh",
                "tail -n 20 log.txt", "grep -rn 'less than' .", "echo \"vim; nano | less\"", "sed -i 's/a/b/' f.py",
                "cat <<'EOF' > r.py\ntop = heap[0]\nmore = 2\npython\nEOF\npython3 r.py",
                "cat << EOF > x.txt\nvim\n\tEOF\nls",
                "cat <<-END > y\n\tless\n\tEND", "git commit -m 'fix: less noise'", "python3 - <<'PY'\nprint(1)\nPY"}) {
            assertNull(CommandPolicy.refusal(c), c);
        }
        assertNotNull(CommandPolicy.refusal("cat <<'EOF' > r.py\nx = 1\nEOF\nvim r.py"), "after the here-document ends");
    }
}
