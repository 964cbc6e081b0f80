package org.rnnlab.remedy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.rnnlab.remedy.internal.RemedyFixtures.assertRejected;
import static org.rnnlab.remedy.internal.RemedyFixtures.configure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnnlab.api.remedy.HookPoint;
import org.rnnlab.api.remedy.Remedy;
import org.rnnlab.api.remedy.Truncation;

class TruncatedBpttTest {
    @Test
    void kGivesTheChunkedFormAtTheWindowHook() {
        Remedy tbptt = configure(new TruncatedBpttRemedy(), "tbptt", "k", "20");
        assertEquals(HookPoint.WINDOW, tbptt.hookPoint());
        assertEquals(new Truncation(20, 20), tbptt.truncation());
    }

    @ParameterizedTest(name = "k1={0} k2={1}")
    @CsvSource({ "5, 20, 5, 20", "7, 7, 7, 7", "1, 1000, 1, 1000", "4, , 4, 4", ", 9, 9, 9" })
    void k1AndK2AreTakenAsGivenAndOneAloneSetsBoth(String k1, String k2, int expectedK1, int expectedK2) {
        Remedy tbptt = k1 == null ? configure(new TruncatedBpttRemedy(), "tbptt", "k2", k2)
                : k2 == null ? configure(new TruncatedBpttRemedy(), "tbptt", "k1", k1)
                : configure(new TruncatedBpttRemedy(), "tbptt", "k1", k1, "k2", k2);
        assertEquals(new Truncation(expectedK1, expectedK2), tbptt.truncation());
    }

    @Test
    void theLengthMustBeNamed() {
        assertRejected("tbptt needs k=K (windows of K steps) or k1=K1 k2=K2 with 1 <= k1 <= k2",
                new TruncatedBpttRemedy(), "tbptt");
    }

    @Test
    void kExcludesK1AndK2() {
        assertRejected("tbptt: give k, or k1 and k2, not both", new TruncatedBpttRemedy(), "tbptt", "k", "5", "k2", "10");
    }

    @Test
    void k1MayNotExceedK2() {
        assertRejected("tbptt: k1=10 k2=5 is not accepted; expected 1 <= k1 <= k2", new TruncatedBpttRemedy(), "tbptt",
                "k1", "10", "k2", "5");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "k, 0, k=0 is not accepted; expected an integer >= 1",
            "k, -3, k=-3 is not accepted; expected an integer >= 1",
            "k, ten, k=ten is not accepted; expected an integer >= 1",
            "k1, 0, k1=0 is not accepted; expected an integer >= 1",
            "k2, 2.5, k2=2.5 is not accepted; expected an integer >= 1",
            "length, 5, 'unknown option ''length'' for tbptt; accepted: k, k1, k2'" })
    void badOptionsGetOneLineMessages(String key, String value, String expected) {
        assertRejected(expected, new TruncatedBpttRemedy(), "tbptt", key, value);
    }
}
