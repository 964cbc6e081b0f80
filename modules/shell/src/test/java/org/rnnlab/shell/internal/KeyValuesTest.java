package org.rnnlab.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.RnnlabException;

class KeyValuesTest {
    @Test
    void keepsOrderAndSplitsAtTheFirstEquals() {
        Map<String, String> values = KeyValues.parse("cell=lstm", "remedies=clip-norm:max=1,tbptt:k=20", "lr=");
        assertEquals(List.of("cell", "remedies", "lr"), List.copyOf(values.keySet()));
        assertEquals("clip-norm:max=1,tbptt:k=20", values.get("remedies"));
        assertEquals("", values.get("lr"));
    }

    @Test
    void malformedOrRepeatedArgumentsAreRefused() {
        assertEquals("malformed argument 'lstm'; expected key=value, e.g. cell=lstm",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("lstm")).getMessage());
        assertEquals("malformed argument '=3'; expected key=value, e.g. cell=lstm",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("=3")).getMessage());
        assertEquals("'lr' is given twice",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("lr=1", "lr=2")).getMessage());
    }

    @Test
    void aSpecFileGivesItsPairsAndTheCommandLineWins(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("run.properties"),
                "# the adding problem, long\ntask = adding\nlength=100\ncell=lstm\nremedies=clip-norm:max=1,tbptt:k=20\n");
        Map<String, String> values = KeyValues.parse("seed=3", "spec=" + file, "length=50");
        assertEquals(List.of("seed", "task", "cell", "remedies", "length"), List.copyOf(values.keySet()));
        assertEquals("adding", values.get("task"));
        assertEquals("50", values.get("length"));
        assertEquals("clip-norm:max=1,tbptt:k=20", values.get("remedies"));
    }

    @Test
    void aMissingOrNestedSpecFileIsRefused(@TempDir Path folder) throws IOException {
        Path missing = folder.resolve("nope.properties");
        assertEquals("cannot read the spec file " + missing + ": no such file",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("spec=" + missing)).getMessage());
        Path nested = Files.writeString(folder.resolve("nested.properties"), "spec=other.properties\n");
        assertEquals("the spec file " + nested + " names another spec file; give its keys instead",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("spec=" + nested)).getMessage());
        Path twice = Files.writeString(folder.resolve("twice.properties"), "cell=lstm\nhidden=32\ncell = gru\n");
        assertEquals("the spec file " + twice + " gives 'cell' twice (lstm and gru); give each key once",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("spec=" + twice)).getMessage());
    }

    @Test
    void aBinaryFileOrAFolderAsSpecFileIsRefusedInWords(@TempDir Path folder) throws IOException {
        Path binary = Files.write(folder.resolve("bin.dat"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28});
        assertEquals("cannot read the spec file " + binary + ": it is not UTF-8 text (a binary file?); give key=value lines",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("spec=" + binary)).getMessage());
        assertEquals("cannot read the spec file " + folder + ": it is a folder",
                assertThrows(RnnlabException.class, () -> KeyValues.parse("spec=" + folder)).getMessage());
    }
}
