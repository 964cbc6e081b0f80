package org.rnnlab.cluster.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.rnnlab.shell.grid.GridTraining.Report;

/**
 * The bytes the cluster stores and sends: explicit, versioned, no Java serialization. A ticket's
 * spec is written in key order, so equal tickets have equal bytes (a member claims a ticket by
 * replacing exactly the bytes it read, which Hazelcast compares).
 */
final class Codec {
    private static final byte TICKET = 1;
    private static final byte REPORT = 2;
    private static final byte RECORDS = 3;
    private static final byte VERSION = 1;

    private Codec() {
    }

    static byte[] encode(Ticket ticket) {
        return write(TICKET, out -> {
            out.writeUTF(ticket.run());
            out.writeUTF(ticket.experiment());
            out.writeInt(ticket.order());
            Map<String, String> sorted = new TreeMap<>(ticket.spec());
            out.writeInt(sorted.size());
            for (Map.Entry<String, String> pair : sorted.entrySet()) {
                out.writeUTF(pair.getKey());
                out.writeUTF(pair.getValue());
            }
            out.writeByte(ticket.phase().ordinal());
            out.writeUTF(ticket.member());
            out.writeDouble(ticket.seconds());
            out.writeUTF(ticket.ended());
            out.writeUTF(ticket.outcome());
        });
    }

    static Ticket ticket(byte[] bytes) {
        return read(bytes, TICKET, in -> {
            String run = in.readUTF();
            String experiment = in.readUTF();
            int order = in.readInt();
            int pairs = in.readInt();
            Map<String, String> spec = new LinkedHashMap<>();
            for (int i = 0; i < pairs; i++) {
                spec.put(in.readUTF(), in.readUTF());
            }
            Ticket.Phase phase = Ticket.Phase.values()[in.readByte()];
            return new Ticket(run, experiment, order, spec, phase, in.readUTF(), in.readDouble(), in.readUTF(),
                    in.readUTF());
        });
    }

    static byte[] encode(RemoteReport report) {
        return write(REPORT, out -> {
            out.writeUTF(report.run());
            out.writeUTF(report.member());
            out.writeLong(report.step());
            out.writeDouble(report.loss());
            out.writeDouble(report.metric());
            out.writeDouble(report.gradientNorm());
            out.writeDouble(report.stepsPerSecond());
        });
    }

    static RemoteReport report(byte[] bytes) {
        return read(bytes, REPORT, in -> new RemoteReport(in.readUTF(), in.readUTF(), in.readLong(), in.readDouble(),
                in.readDouble(), in.readDouble(), in.readDouble()));
    }

    static byte[] encode(MetricRecords records) {
        List<Report> list = records.list();
        return write(RECORDS, out -> {
            out.writeInt(list.size());
            for (Report report : list) {
                out.writeLong(report.step());
                out.writeDouble(report.metric());
            }
        });
    }

    static MetricRecords records(byte[] bytes) {
        return read(bytes, RECORDS, in -> {
            int count = in.readInt();
            if (count < 0) {
                throw new IOException("a negative count of records");
            }
            List<Report> list = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                list.add(new Report(in.readLong(), in.readDouble()));
            }
            return new MetricRecords(list);
        });
    }

    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    private interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static byte[] write(byte kind, Writer body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(kind);
            out.writeByte(VERSION);
            body.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    private static <T> T read(byte[] bytes, byte kind, Reader<T> body) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte foundKind = in.readByte();
            byte version = in.readByte();
            if (foundKind != kind || version != VERSION) {
                throw new IllegalArgumentException("not a cluster record of this rnnlab version (kind " + foundKind
                        + ", version " + version + ")");
            }
            T value = body.read(in);
            if (in.read() != -1) {
                throw new IllegalArgumentException("a cluster record with bytes after its end");
            }
            return value;
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("a truncated or damaged cluster record", e);
        }
    }
}
