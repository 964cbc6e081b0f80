package org.rnnlab.trainer.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.ejml.data.DMatrixRMaj;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.optim.SlotSpec;

/**
 * The checkpoint file, format 1 (no Java serialization). Big-endian, as DataOutput writes:
 * <pre>
 * "RNNLABCK" (8 bytes)  int format version (1)
 * int n, n x (UTF key, UTF value)             the run spec as typed
 * long step, long batchIndex, long updates    counters
 * int n, n x long                             the training generator's state
 * int n, n x (UTF name, int rows, int cols, rows*cols x double)   parameters
 * int s, s x (UTF slot, boolean scalar)       the optimizer's slots, then for each parameter
 *                                             and slot: int rows, int cols, doubles
 * int r, r x (UTF remedy, int e, e x (UTF key, double))           remedy reports
 * int m, m x (UTF name, int rows, int cols, doubles)              accumulated statistics (ridge sums)
 * long CRC32 of every byte before it
 * </pre>
 * Written to a temporary file in the same folder and renamed, so a crash never leaves a
 * half-written checkpoint under the real name.
 */
final class Checkpoint {
    static final String EXTENSION = ".ckpt";
    private static final byte[] MAGIC = "RNNLABCK".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;

    private final Map<String, String> spec;
    /** step, batch index, updates. */
    private final long[] counters;
    private final long[] rng;
    private final Map<String, DMatrixRMaj> params;
    private final List<SlotSpec> slotSpecs;
    private final List<DMatrixRMaj[]> slots;
    private final Map<String, Map<String, Double>> reports;
    private final Map<String, DMatrixRMaj> statistics;

    private Checkpoint(Map<String, String> spec, long[] counters, long[] rng, Map<String, DMatrixRMaj> params,
            List<SlotSpec> slotSpecs, List<DMatrixRMaj[]> slots, Map<String, Map<String, Double>> reports,
            Map<String, DMatrixRMaj> statistics) {
        this.spec = spec;
        this.counters = counters;
        this.rng = rng;
        this.params = params;
        this.slotSpecs = slotSpecs;
        this.slots = slots;
        this.reports = reports;
        this.statistics = statistics;
    }

    Map<String, String> spec() {
        return spec;
    }

    String defaultName(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
    }

    static Path write(TrainingState state, Path file) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(FORMAT);
            Map<String, String> spec = state.spec().raw();
            out.writeInt(spec.size());
            for (Map.Entry<String, String> e : spec.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeLong(state.step);
            out.writeLong(state.batchIndex);
            out.writeLong(state.updates);
            writeLongs(out, state.trainRng.state());
            List<Parameter> params = state.network().parameters();
            out.writeInt(params.size());
            for (Parameter p : params) {
                out.writeUTF(p.name());
                writeMatrix(out, p.value());
            }
            List<SlotSpec> slotSpecs = state.slotSpecs();
            out.writeInt(slotSpecs.size());
            for (SlotSpec s : slotSpecs) {
                out.writeUTF(s.name());
                out.writeBoolean(s.scalar());
            }
            for (DMatrixRMaj[] perParam : state.slots()) {
                for (DMatrixRMaj slot : perParam) {
                    writeMatrix(out, slot);
                }
            }
            out.writeInt(state.reports().size());
            for (Map.Entry<String, Map<String, Double>> r : state.reports().entrySet()) {
                out.writeUTF(r.getKey());
                out.writeInt(r.getValue().size());
                for (Map.Entry<String, Double> e : r.getValue().entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeDouble(e.getValue());
                }
            }
            Map<String, DMatrixRMaj> statistics = new java.util.TreeMap<>(state.statistics());
            out.writeInt(statistics.size());
            for (Map.Entry<String, DMatrixRMaj> s : statistics.entrySet()) {
                out.writeUTF(s.getKey());
                writeMatrix(out, s.getValue());
            }
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return atomicWrite(file.toAbsolutePath(), bytes.toByteArray());
        } catch (IOException e) {
            throw new RnnlabException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path atomicWrite(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".part");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        return file;
    }

    static Checkpoint read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RnnlabException("no checkpoint at " + file);
        } catch (IOException e) {
            throw new RnnlabException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        if (content.length < MAGIC.length + 12 || !Arrays.equals(Arrays.copyOf(content, MAGIC.length), MAGIC)) {
            throw new RnnlabException(file + " is not an rnnlab checkpoint");
        }
        CRC32 crc = new CRC32();
        crc.update(content, 0, content.length - 8);
        long stored = java.nio.ByteBuffer.wrap(content, content.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new RnnlabException("checkpoint " + file + " is corrupt (checksum mismatch); nothing was loaded");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content, MAGIC.length,
                content.length - MAGIC.length - 8))) {
            int format = in.readInt();
            if (format != FORMAT) {
                throw new RnnlabException("checkpoint " + file + " has format " + format + "; this rnnlab reads format " + FORMAT);
            }
            Map<String, String> spec = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                spec.put(in.readUTF(), in.readUTF());
            }
            long step = in.readLong();
            long batchIndex = in.readLong();
            long updates = in.readLong();
            long[] rng = readLongs(in);
            Map<String, DMatrixRMaj> params = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                params.put(in.readUTF(), readMatrix(in));
            }
            List<SlotSpec> slotSpecs = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                slotSpecs.add(new SlotSpec(in.readUTF(), in.readBoolean()));
            }
            List<DMatrixRMaj[]> slots = new ArrayList<>();
            for (int p = 0; p < params.size(); p++) {
                DMatrixRMaj[] perParam = new DMatrixRMaj[slotSpecs.size()];
                for (int s = 0; s < perParam.length; s++) {
                    perParam[s] = readMatrix(in);
                }
                slots.add(perParam);
            }
            Map<String, Map<String, Double>> reports = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                String remedy = in.readUTF();
                Map<String, Double> entries = new LinkedHashMap<>();
                for (int e = in.readInt(); e > 0; e--) {
                    entries.put(in.readUTF(), in.readDouble());
                }
                reports.put(remedy, entries);
            }
            Map<String, DMatrixRMaj> statistics = new LinkedHashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                statistics.put(in.readUTF(), readMatrix(in));
            }
            return new Checkpoint(spec, new long[] {step, batchIndex, updates}, rng, params, slotSpecs, slots, reports,
                    statistics);
        } catch (EOFException e) {
            throw new RnnlabException("checkpoint " + file + " is truncated; nothing was loaded");
        } catch (IOException | IllegalArgumentException e) {
            throw new RnnlabException("checkpoint " + file + " is malformed (" + e.getMessage() + "); nothing was loaded");
        }
    }

    /** Puts this checkpoint's state into a freshly composed run of the same spec. */
    void restore(TrainingState state) {
        List<Parameter> params = state.network().parameters();
        if (params.size() != this.params.size()) {
            throw new RnnlabException("checkpoint has " + this.params.size() + " parameters, the spec makes " + params.size());
        }
        for (Parameter p : params) {
            DMatrixRMaj saved = this.params.get(p.name());
            if (saved == null || saved.numRows != p.value().numRows || saved.numCols != p.value().numCols) {
                throw new RnnlabException("checkpoint parameter " + p.name() + " is missing or has another shape");
            }
        }
        if (!slotSpecs.equals(state.slotSpecs())) {
            throw new RnnlabException("checkpoint optimizer slots " + slotSpecs + " do not match the optimizer's " + state.slotSpecs());
        }
        for (int i = 0; i < params.size(); i++) {
            params.get(i).value().setTo(this.params.get(params.get(i).name()));
            for (int s = 0; s < slotSpecs.size(); s++) {
                state.slots()[i][s].setTo(slots.get(i)[s]);
            }
        }
        Map<String, DMatrixRMaj> expected = state.statistics();
        if (!expected.keySet().equals(statistics.keySet())) {
            throw new RnnlabException("checkpoint statistics " + statistics.keySet() + " do not match the spec's " + expected.keySet());
        }
        for (Map.Entry<String, DMatrixRMaj> s : statistics.entrySet()) {
            DMatrixRMaj target = expected.get(s.getKey());
            if (target.numRows != s.getValue().numRows || target.numCols != s.getValue().numCols) {
                throw new RnnlabException("checkpoint statistic " + s.getKey() + " has another shape");
            }
        }
        statistics.forEach((name, value) -> expected.get(name).setTo(value));
        state.trainRng.restore(rng);
        state.step = counters[0];
        state.batchIndex = counters[1];
        state.updates = counters[2];
        state.reports().clear();
        state.reports().putAll(reports);
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

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1024) {
            throw new IllegalArgumentException("bad generator state length " + n);
        }
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readLong();
        }
        return values;
    }
}
