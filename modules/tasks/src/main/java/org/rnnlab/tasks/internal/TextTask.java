package org.rnnlab.tasks.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.Options;
import org.rnnlab.api.RandomSource;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.task.Batch;
import org.rnnlab.api.task.Loss;
import org.rnnlab.api.task.Readout;
import org.rnnlab.api.task.Split;
import org.rnnlab.api.task.Task;
import org.rnnlab.api.task.TaskSession;

/**
 * Character-level language modelling (as Karpathy's min-char-rnn): one-hot characters in, the
 * next character out, cross-entropy at every step. The text is read whole from {@code file}
 * (or, without one, generated from a fixed seed so benchmarks need no data); its first 90 %
 * trains, the rest evaluates. Each of the B sequences of a batch reads its own contiguous
 * stretch of the text, batch after batch, so the run carries the hidden state across batches.
 */
@Component(property = {
        org.rnnlab.api.Components.NAME + "=text",
        org.rnnlab.api.Components.DESCRIPTION + "=character-level text from a file (next-character prediction); options: file, length" })
public class TextTask implements Task {
    static final int GENERATED_LENGTH = 200_000;

    @Override
    public TaskSession open(Options options) {
        options.allowOnly("file", "length");
        int length = options.integer("length", 64, 1, 1_000_000);
        String text = options.has("file") ? read(options.text("file", "")) : generated(GENERATED_LENGTH);
        return Corpus.of(text, length);
    }

    /** The file as UTF-8 text; what is wrong with it in words otherwise. */
    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new RnnlabException("text: file=" + file + " is not UTF-8 text (a binary file?); give a plain text file");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new RnnlabException("text: file=" + file + " does not exist");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new RnnlabException("text: file=" + file + " cannot be read (permission denied)");
        } catch (OutOfMemoryError e) {
            throw new RnnlabException("text: file=" + file + " is too large to hold in memory");
        } catch (IOException | RuntimeException e) {
            String reason = e instanceof java.nio.file.FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getMessage() == null ? "unreadable" : e.getMessage();
            throw new RnnlabException("text: cannot read file=" + file + " (" + reason + ")");
        }
    }

    /** Deterministic pseudo-text: words from a small vocabulary, sentences, line breaks. */
    static String generated(int size) {
        String[] words = {"the", "gradient", "of", "a", "recurrent", "network", "vanishes", "or", "explodes", "through",
            "time", "and", "clipping", "keeps", "it", "in", "bounds", "while", "gates", "remember", "what", "matters"};
        SplittableRandom random = new SplittableRandom(20131101);
        StringBuilder text = new StringBuilder(size + 16);
        while (text.length() < size) {
            int sentence = 3 + random.nextInt(8);
            for (int w = 0; w < sentence; w++) {
                String word = words[random.nextInt(words.length)];
                text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word)
                        .append(w + 1 < sentence ? " " : ".");
            }
            text.append(random.nextInt(4) == 0 ? "\n" : " ");
        }
        return text.substring(0, size);
    }

    /** The encoded text and its vocabulary (the distinct characters, sorted). */
    record Corpus(int[] codes, char[] vocabulary, int length, int trainEnd) implements TaskSession {
        static Corpus of(String text, int length) {
            char[] vocabulary = text.chars().distinct().sorted().collect(StringBuilder::new,
                    StringBuilder::appendCodePoint, StringBuilder::append).toString().toCharArray();
            int[] codes = new int[text.length()];
            for (int i = 0; i < codes.length; i++) {
                codes[i] = Arrays.binarySearch(vocabulary, text.charAt(i));
            }
            int trainEnd = codes.length * 9 / 10;
            if (trainEnd < 2 * (length + 1) || codes.length - trainEnd < 2 * (length + 1)) {
                throw new RnnlabException("text: " + codes.length + " characters are too few for length=" + length
                        + "; each split needs at least " + 2 * (length + 1));
            }
            return new Corpus(codes, vocabulary, length, trainEnd);
        }

        @Override
        public int inputSize() {
            return vocabulary.length;
        }

        @Override
        public int outputSize() {
            return vocabulary.length;
        }

        @Override
        public Loss loss() {
            return Loss.CROSS_ENTROPY;
        }

        @Override
        public Readout readout() {
            return Readout.EVERY;
        }

        @Override
        public boolean continuous() {
            return true;
        }

        /** The target at t is the input at t + 1. */
        @Override
        public boolean readsAhead() {
            return true;
        }

        /** Accuracy of always answering the most frequent character. */
        @Override
        public double baseline() {
            int[] counts = new int[vocabulary.length];
            for (int c : codes) {
                counts[c]++;
            }
            return (double) Arrays.stream(counts).max().orElse(0) / codes.length;
        }

        /** The characters, so a trained model can write text (rnn:sample). */
        @Override
        public List<String> symbols() {
            return new String(vocabulary).chars().mapToObj(Character::toString).toList();
        }

        /**
         * Sequence b reads the b-th of B equal stretches of its split, {@code length} characters
         * further with every batch, wrapping at the stretch's end; the generator is not used.
         */
        @Override
        public void fill(Batch batch, Split split, long index, RandomSource rng) {
            int from = split == Split.TRAIN ? 0 : trainEnd;
            int size = (split == Split.TRAIN ? trainEnd : codes.length) - from;
            int sequences = batch.batch();
            int stretch = Math.max(length + 1, size / sequences);
            double[] x = batch.inputs().data;
            Arrays.fill(x, 0, length * sequences * vocabulary.length, 0.0);
            for (int b = 0; b < sequences; b++) {
                int start = (int) ((long) (b * stretch) % (size - length - 1));
                long offset = index * length % Math.max(1, stretch - length - 1);
                int position = from + (int) ((start + offset) % (size - length - 1));
                for (int t = 0; t < length; t++) {
                    int row = t * sequences + b;
                    x[row * vocabulary.length + codes[position + t]] = 1.0;
                    batch.labels()[row] = codes[position + t + 1];
                }
            }
        }
    }
}
