package org.rnnlab.trainer.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.optim.SlotSpec;
import org.rnnlab.core.files.HomeFiles;

/**
 * The checkpoint file, format 2 (no Java serialization): a {@link Snapshot}, big-endian as
 * DataOutput writes it.
 * <pre>
 * "RNNLABCK" (8 bytes)  int format version (2)
 * int n, n x (UTF key, UTF value)             the run spec as typed, live changes included
 * long step, long batchIndex, long updates    counters
 * int n, n x long                             the training generator's state
 * int n, n x (UTF name, matrix)               parameters
 * int s, s x (UTF slot, boolean scalar)       the optimizer's slots, then for each parameter
 *                                             and slot: a matrix
 * int r, r x (UTF remedy, int e, e x (UTF key, double))   remedy reports (their memory)
 * int m, m x (UTF name, matrix)               accumulated statistics: ridge sums, carried state
 * -- format 2 from here --
 * int k, k x (UTF key, double)                the trainer's memory: lr factor, last loss, ...
 * int p, p x (long step, per parameter: matrix, then per parameter and slot: matrix)
 *                                             rollback points, oldest first
 * int h, h x (long step, double loss, double metric, UTF metric name, double baseline, int sequences)
 *                                             the held-out evaluations of eval.every, oldest first
 * long CRC32 of every byte before it
 * matrix = int rows, int cols, rows*cols x double
 * </pre>
 * Format 1 files (rnnlab before durable runs) are read: they lack the carried state (zero),
 * the memory (factor 1), rollback points and history (none).
 */
final class Checkpoint {
    static final String EXTENSION = ".ckpt";
    private static final String MAGIC_TEXT = "RNNLABCK";
    static final byte[] MAGIC = MAGIC_TEXT.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** What a save may replace besides nothing or an empty file: an earlier checkpoint, known by its magic. */
    static final HomeFiles.Kind KIND = HomeFiles.Kind.startingWith("an rnnlab checkpoint", MAGIC_TEXT);
    private static final int FORMAT = 2;

    private Checkpoint() {
    }

    static byte[] encode(Snapshot s) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(FORMAT);
            out.writeInt(s.spec().size());
            for (Map.Entry<String, String> e : s.spec().entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeLong(s.step());
            out.writeLong(s.batchIndex());
            out.writeLong(s.updates());
            out.writeInt(s.rng().length);
            for (long v : s.rng()) {
                out.writeLong(v);
            }
            out.writeInt(s.parameters().size());
            for (Map.Entry<String, DMatrixRMaj> p : s.parameters().entrySet()) {
                out.writeUTF(p.getKey());
                writeMatrix(out, p.getValue());
            }
            out.writeInt(s.slotSpecs().size());
            for (SlotSpec slot : s.slotSpecs()) {
                out.writeUTF(slot.name());
                out.writeBoolean(slot.scalar());
            }
            for (DMatrixRMaj[] perParam : s.slots()) {
                for (DMatrixRMaj slot : perParam) {
                    writeMatrix(out, slot);
                }
            }
            out.writeInt(s.reports().size());
            for (Map.Entry<String, Map<String, Double>> r : s.reports().entrySet()) {
                out.writeUTF(r.getKey());
                writeScalars(out, r.getValue());
            }
            Map<String, DMatrixRMaj> statistics = new java.util.TreeMap<>(s.statistics());
            out.writeInt(statistics.size());
            for (Map.Entry<String, DMatrixRMaj> e : statistics.entrySet()) {
                out.writeUTF(e.getKey());
                writeMatrix(out, e.getValue());
            }
            writeScalars(out, new java.util.TreeMap<>(s.memory()));
            out.writeInt(s.rollbacks().size());
            for (Snapshot.RollbackPoint point : s.rollbacks()) {
                out.writeLong(point.step());
                for (DMatrixRMaj value : point.parameters()) {
                    writeMatrix(out, value);
                }
                for (DMatrixRMaj[] perParam : point.slots()) {
                    for (DMatrixRMaj slot : perParam) {
                        writeMatrix(out, slot);
                    }
                }
            }
            out.writeInt(s.history().size());
            for (org.rnnlab.api.trainer.Evaluation e : s.history()) {
                out.writeLong(e.step());
                out.writeDouble(e.loss());
                out.writeDouble(e.metric());
                out.writeUTF(e.metricName());
                out.writeDouble(e.baseline());
                out.writeInt(e.sequences());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
    }

    /** True when {@code content} starts like a checkpoint of any format. */
    static boolean looksLikeCheckpoint(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
    }

    /** Decodes a checkpoint; {@code source} names it in one-line errors. */
    static Snapshot decode(byte[] content, Object source) {
        if (content.length < MAGIC.length + 12 || !looksLikeCheckpoint(content)) {
            throw new RnnlabException(source + " is not an rnnlab checkpoint");
        }
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length - 8);
        long stored = java.nio.ByteBuffer.wrap(content, content.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new RnnlabException("checkpoint " + source + " is corrupt (checksum mismatch); nothing was loaded");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content, MAGIC.length,
                content.length - MAGIC.length - 8))) {
            int format = in.readInt();
            if (format != 1 && format != FORMAT) {
                throw new RnnlabException("checkpoint " + source + " has format " + format + "; this rnnlab reads formats 1 and "
                        + FORMAT + " (a newer rnnlab wrote it?)");
            }
            Map<String, String> spec = new LinkedHashMap<>();
            for (int i = count(in); i > 0; i--) {
                spec.put(in.readUTF(), in.readUTF());
            }
            long step = in.readLong();
            long batchIndex = in.readLong();
            long updates = in.readLong();
            int rngLength = in.readInt();
            if (rngLength < 0 || rngLength > 1024) {
                throw new IllegalArgumentException("bad generator state length " + rngLength);
            }
            long[] rng = new long[rngLength];
            for (int i = 0; i < rngLength; i++) {
                rng[i] = in.readLong();
            }
            Map<String, DMatrixRMaj> params = new LinkedHashMap<>();
            for (int i = count(in); i > 0; i--) {
                params.put(in.readUTF(), readMatrix(in));
            }
            List<SlotSpec> slotSpecs = new ArrayList<>();
            for (int i = count(in); i > 0; i--) {
                slotSpecs.add(new SlotSpec(in.readUTF(), in.readBoolean()));
            }
            List<DMatrixRMaj[]> slots = readSlots(in, params.size(), slotSpecs.size());
            Map<String, Map<String, Double>> reports = new LinkedHashMap<>();
            for (int i = count(in); i > 0; i--) {
                String remedy = in.readUTF();
                reports.put(remedy, readScalars(in));
            }
            Map<String, DMatrixRMaj> statistics = new LinkedHashMap<>();
            for (int i = count(in); i > 0; i--) {
                statistics.put(in.readUTF(), readMatrix(in));
            }
            Map<String, Double> memory = new LinkedHashMap<>();
            List<Snapshot.RollbackPoint> rollbacks = new ArrayList<>();
            List<org.rnnlab.api.trainer.Evaluation> history = new ArrayList<>();
            String run = source.toString();
            if (format >= 2) {
                memory = readScalars(in);
                for (int i = count(in); i > 0; i--) {
                    long at = in.readLong();
                    List<DMatrixRMaj> values = new ArrayList<>();
                    for (int p = 0; p < params.size(); p++) {
                        values.add(readMatrix(in));
                    }
                    rollbacks.add(new Snapshot.RollbackPoint(at, values, readSlots(in, params.size(), slotSpecs.size())));
                }
                for (int i = count(in); i > 0; i--) {
                    history.add(new org.rnnlab.api.trainer.Evaluation(run, in.readLong(), in.readDouble(), in.readDouble(),
                            in.readUTF(), in.readDouble(), in.readInt()));
                }
            }
            if (in.available() > 0) {
                throw new IllegalArgumentException(in.available() + " unexpected bytes at the end");
            }
            return new Snapshot(spec, step, batchIndex, updates, rng, params, slotSpecs, slots, reports, statistics,
                    memory, rollbacks, history);
        } catch (EOFException e) {
            throw new RnnlabException("checkpoint " + source + " is truncated; nothing was loaded");
        } catch (IOException | IllegalArgumentException e) {
            throw new RnnlabException("checkpoint " + source + " is malformed (" + e.getMessage() + "); nothing was loaded");
        }
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IllegalArgumentException("bad count " + n);
        }
        return n;
    }

    private static List<DMatrixRMaj[]> readSlots(DataInputStream in, int params, int perParam) throws IOException {
        List<DMatrixRMaj[]> slots = new ArrayList<>();
        for (int p = 0; p < params; p++) {
            DMatrixRMaj[] these = new DMatrixRMaj[perParam];
            for (int s = 0; s < perParam; s++) {
                these[s] = readMatrix(in);
            }
            slots.add(these);
        }
        return slots;
    }

    private static void writeScalars(DataOutputStream out, Map<String, Double> scalars) throws IOException {
        out.writeInt(scalars.size());
        for (Map.Entry<String, Double> e : scalars.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeDouble(e.getValue());
        }
    }

    private static Map<String, Double> readScalars(DataInputStream in) throws IOException {
        Map<String, Double> scalars = new LinkedHashMap<>();
        for (int e = count(in); e > 0; e--) {
            scalars.put(in.readUTF(), in.readDouble());
        }
        return scalars;
    }

    private static void writeMatrix(DataOutputStream out, DMatrixRMaj m) throws IOException {
        out.writeInt(m.numRows);
        out.writeInt(m.numCols);
        for (int i = 0; i < m.getNumElements(); i++) {
            out.writeDouble(m.data[i]);
        }
    }

    private static DMatrixRMaj readMatrix(DataInputStream in) throws IOException {
        int rows = in.readInt();
        int cols = in.readInt();
        if (rows <= 0 || cols <= 0 || (long) rows * cols > in.available() / 8) {
            throw new IllegalArgumentException("bad matrix shape " + rows + "x" + cols);
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.getNumElements(); i++) {
            m.data[i] = in.readDouble();
        }
        return m;
    }
}
