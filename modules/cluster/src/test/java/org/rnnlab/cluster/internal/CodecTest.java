package org.rnnlab.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rnnlab.api.trainer.RunState;

class CodecTest {
    private static final Map<String, String> SPEC = Map.of("cell", "lstm", "seed", "2", "remedies", "clip-norm:max=1",
            "task", "text", "file", "données/ü.txt");

    @Test
    void aTicketComesBackAsItWentInThroughEveryPhase() {
        Ticket pending = Ticket.pending("g-3", "g", 2, SPEC);
        Ticket running = pending.claimedBy("5c1f0e2a-member");
        Ticket done = running.done(12.5, RunState.FAILED, "failed at step 210: the loss became Infinity");
        for (Ticket ticket : new Ticket[] {pending, running, running.released(3.25), done}) {
            assertEquals(ticket, Codec.ticket(Codec.encode(ticket)));
        }
        assertEquals(15.75, running.released(3.25).claimedBy("x").done(12.5, RunState.FINISHED, "").seconds());
        assertEquals("FAILED", Codec.ticket(Codec.encode(done)).ended());
    }

    @Test
    void equalTicketsHaveEqualBytesWhateverTheOrderOfTheirSpec() {
        Map<String, String> reversed = new LinkedHashMap<>();
        SPEC.keySet().stream().sorted(java.util.Comparator.reverseOrder()).forEach(k -> reversed.put(k, SPEC.get(k)));
        Ticket a = new Ticket("g-1", "g", 0, SPEC, Ticket.Phase.PENDING, "", 0, "", "");
        Ticket b = new Ticket("g-1", "g", 0, reversed, Ticket.Phase.PENDING, "", 0, "", "");
        assertArrayEquals(Codec.encode(a), Codec.encode(b), "a claim replaces exactly the bytes it read");
    }

    @Test
    void aReportKeepsEveryNumberExactly() {
        RemoteReport report = new RemoteReport("g-2", "member", 1234, 0.1 + 0.2, Double.NaN, 7.238e305, 612.5);
        RemoteReport back = Codec.report(Codec.encode(report));
        assertEquals(report, back);
        assertEquals(Double.doubleToRawLongBits(report.loss()), Double.doubleToRawLongBits(back.loss()));
    }

    @Test
    void damagedOrForeignBytesAreRefusedWithOneLine() {
        byte[] ticket = Codec.encode(Ticket.pending("g-1", "g", 0, SPEC));
        assertEquals("a truncated or damaged cluster record",
                assertThrows(IllegalArgumentException.class, () -> Codec.ticket(Arrays.copyOf(ticket, 9))).getMessage());
        assertEquals("not a cluster record of this rnnlab version (kind 1, version 1)",
                assertThrows(IllegalArgumentException.class, () -> Codec.report(ticket)).getMessage());
        byte[] longer = Arrays.copyOf(ticket, ticket.length + 1);
        assertEquals("a cluster record with bytes after its end",
                assertThrows(IllegalArgumentException.class, () -> Codec.ticket(longer)).getMessage());
    }

    @Test
    void recordsComeBackExactlyAndADamagedListIsRefused() {
        MetricRecords made = new MetricRecords();
        made.add(100, 0.1 + 0.2);
        made.add(200, 7.238e305);
        byte[] bytes = Codec.encode(made);
        assertEquals(made.list(), Codec.records(bytes).list());
        assertEquals("a truncated or damaged cluster record", assertThrows(IllegalArgumentException.class,
                () -> Codec.records(Arrays.copyOf(bytes, bytes.length - 3))).getMessage());
        byte[] negative = bytes.clone();
        negative[2] = (byte) 0x80; // the count's sign bit
        assertEquals("a truncated or damaged cluster record",
                assertThrows(IllegalArgumentException.class, () -> Codec.records(negative)).getMessage());
    }
}
