package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.RnnlabException;

class RemedyListTest {
    @Test
    void addsAndRemovesByName() {
        RemedyList list = RemedyList.of("tbptt:k=20, clip-norm:max=1");
        assertEquals("tbptt:k=20,clip-norm:max=1,clip-value:value=0.5", list.add("clip-value", "value=0.5").toString());
        assertEquals("clip-norm:max=1", list.remove("tbptt").toString());
        assertTrue(RemedyList.of("").isEmpty());
    }

    @Test
    void badEditsSayWhatIsAccepted() {
        RemedyList list = RemedyList.of("clip-norm:max=1");
        assertEquals("the run has no remedy 'tbptt'; it has: clip-norm:max=1",
                assertThrows(RnnlabException.class, () -> list.remove("tbptt")).getMessage());
        assertEquals("malformed argument 'five'; expected key=value, e.g. cell=lstm",
                assertThrows(RnnlabException.class, () -> list.add("clip-norm", "five")).getMessage());
        assertEquals("add needs a remedy name, e.g. rnn:remedy NAME add clip-norm max=5",
                assertThrows(RnnlabException.class, () -> list.add()).getMessage());
    }
}
