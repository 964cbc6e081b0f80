package org.rnnlab.core.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnnlab.api.RnnlabException;

/** The one policy for files people name: over nothing, an empty file or an earlier file of the kind; whole or not at all. */
class HomeFilesTest {
    private static final HomeFiles.Kind TABLE = HomeFiles.Kind.startingWith("an earlier table", "step,loss\n");

    @TempDir
    Path home;

    private Path write(String file, String content) {
        return HomeFiles.replace(new HomeFiles(home).resolve(file), TABLE, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewFileIsWrittenRelativeToTheHomeWithItsFolders() throws IOException {
        Path written = write("out/t.csv", "step,loss\n1,2\n");

        assertEquals(home.resolve("out/t.csv"), written);
        assertEquals("step,loss\n1,2\n", Files.readString(written));
    }

    @Test
    void anEarlierFileOfTheKindOrAnEmptyOneIsReplacedWholeLeavingNoTemporary() throws IOException {
        write("t.csv", "step,loss\n" + "1,2\n".repeat(1000));
        write("t.csv", "step,loss\n3,4\n");
        assertEquals("step,loss\n3,4\n", Files.readString(home.resolve("t.csv")));

        Files.writeString(home.resolve("empty.csv"), "");
        write("empty.csv", "step,loss\n5,6\n");
        assertEquals("step,loss\n5,6\n", Files.readString(home.resolve("empty.csv")));

        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of("empty.csv", "t.csv"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    /** Jackson closes the stream it writes to; the file is still forced to the disk and renamed. */
    @Test
    void contentThatClosesItsStreamIsWrittenWhole() throws IOException {
        Path written = HomeFiles.replace(home.resolve("closed.csv"), TABLE, out -> {
            out.write("step,loss\n".getBytes(StandardCharsets.UTF_8));
            out.close();
        });

        assertEquals("step,loss\n", Files.readString(written));
    }

    @Test
    void aFileOfAnythingElseIsKeptAndTheRefusalSaysSo() throws IOException {
        Path notes = Files.writeString(home.resolve("notes.csv"), "my notes\n");

        RnnlabException refused = assertThrows(RnnlabException.class, () -> write("notes.csv", "step,loss\n1,2\n"));

        assertEquals(notes + " exists and is not an earlier table; choose another file or remove it (nothing was written)",
                refused.getMessage());
        assertEquals("my notes\n", Files.readString(notes));
    }

    @Test
    void aFolderALinkOrABadPathIsRefused() throws IOException {
        Files.createDirectory(home.resolve("folder.csv"));
        Path target = Files.writeString(home.resolve("target"), "step,loss\nkeep\n");
        Files.createSymbolicLink(home.resolve("link.csv"), target);

        assertEquals(home.resolve("folder.csv") + " is not a regular file; choose another file (nothing was written)",
                assertThrows(RnnlabException.class, () -> write("folder.csv", "step,loss\n")).getMessage());
        assertEquals(home.resolve("link.csv") + " is not a regular file; choose another file (nothing was written)",
                assertThrows(RnnlabException.class, () -> write("link.csv", "step,loss\n")).getMessage());
        assertEquals("step,loss\nkeep\n", Files.readString(target));
        assertEquals("'a\0b' is not a file path: Nul character not allowed",
                assertThrows(RnnlabException.class, () -> write("a\0b", "")).getMessage());
    }

    @Test
    void theFormatFollowsFromTheExtension() {
        assertEquals("svg", HomeFiles.extension("runs/A.SVG", "png", "svg"));
        assertEquals("file=a.txt is not accepted; expected a file name ending in .png or .svg (the format follows from it)",
                assertThrows(RnnlabException.class, () -> HomeFiles.extension("a.txt", "png", "svg")).getMessage());
    }
}
