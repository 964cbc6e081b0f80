package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UnknownCommandTest {
    @Test
    void aSwapOfNeighboursIsOneEditSoTyposFindTheirCommand() {
        assertEquals(1, UnknownCommand.distance("trian", "train"));
        assertEquals(1, UnknownCommand.distance("stauts", "status"));
        assertEquals(1, UnknownCommand.distance("dashbord", "dashboard"));
        assertEquals(3, UnknownCommand.distance("kitten", "sitting"));
        assertEquals(5, UnknownCommand.distance("", "start"));
        assertEquals(0, UnknownCommand.distance("eval", "eval"));
    }

    @Test
    void theRefusalReadsAsItsMessageAlone() {
        assertEquals("unknown command 'x'", new Refusal("unknown command 'x'").toString());
    }
}
