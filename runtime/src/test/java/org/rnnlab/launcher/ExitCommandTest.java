package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * {@code exit} checks its words itself: a code that is not a whole number in [0, 255], or more
 * than one, is refused in one line that the console prints as it is (its toString is the message,
 * no class name), and nothing is stopped.
 */
class ExitCommandTest {
    @Test
    void badCodesAreRefusedInWordsAndStopNothing() {
        ExitCommand exit = new ExitCommand(); // never registered: a call that got through would fail on the framework
        for (String bad : new String[] {"abc", "256", "-1", "1.5", ""}) {
            Refusal refusal = assertThrows(Refusal.class, () -> exit.exit(bad));
            assertEquals("exit " + bad + " is not accepted; CODE is a whole number in [0, 255]", refusal.toString());
        }
        assertEquals("usage: exit [CODE], CODE a whole number in [0, 255]",
                assertThrows(Refusal.class, () -> exit.exit("1", "2")).toString());
        assertNull(exit.requested());
    }
}
