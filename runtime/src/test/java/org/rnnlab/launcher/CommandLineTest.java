package org.rnnlab.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {
    @Test
    void noArgumentsOpenTheShellInTheCurrentFolder() throws Exception {
        CommandLine line = CommandLine.parse(new String[0]);
        assertTrue(line.interactive());
        assertEquals(Path.of(".").toAbsolutePath().normalize(), line.home());
    }

    @Test
    void commandsAreSplitAtTopLevelSemicolonsOnly() throws Exception {
        CommandLine line = CommandLine.parse(new String[] {"--home", "/tmp/h", "-c", "runs; echo 'a;b'; each [1;2] { echo $it }"});
        assertEquals(Path.of("/tmp/h"), line.home());
        assertEquals(List.of("runs", "echo 'a;b'", "each [1;2] { echo $it }"), line.commands());
        assertNull(line.script());
    }

    @Test
    void blankStatementsDisappear() {
        assertEquals(List.of("a", "b"), CommandLine.splitStatements(" a ;; b ; "));
    }

    @Test
    void usageErrorsNameTheProblem() {
        assertEquals("unknown argument '--bogus'",
                assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(new String[] {"--bogus"})).getMessage());
        assertEquals("-c needs a value",
                assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse(new String[] {"-c"})).getMessage());
        assertEquals("give -c or --script once", assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse(new String[] {"-c", "runs", "--script", "f"})).getMessage());
        assertEquals("give --home once", assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse(new String[] {"--home", "a", "--home", "b"})).getMessage());
        for (String nothing : new String[] {"", ";", " ; ; "}) {
            assertEquals("-c needs at least one command, e.g. -c \"rnn:components\"", assertThrows(
                    CommandLine.UsageException.class, () -> CommandLine.parse(new String[] {"-c", nothing})).getMessage());
        }
    }

    @Test
    void helpWins() throws Exception {
        assertTrue(CommandLine.parse(new String[] {"--home", "x", "-h"}).help());
    }
}
