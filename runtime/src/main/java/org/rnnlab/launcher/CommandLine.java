package org.rnnlab.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's arguments: {@code [--home DIR] [-c "CMD; CMD" | --script FILE]}. Without
 * {@code -c} or {@code --script} the runtime opens the interactive shell.
 */
record CommandLine(Path home, List<String> commands, Path script, boolean help) {
    static final String USAGE = String.join("\n",
            "usage: java -jar rnnlab.jar [--home DIR] [-c \"CMD; CMD ...\" | --script FILE]",
            "  (no -c/--script)  interactive shell with line editing and completion; 'exit' or Ctrl-D to leave",
            "  -c COMMANDS       run the Gogo commands separated by ';', then exit (0 ok, 1 a command failed)",
            "  --script FILE     run the commands in FILE, one per line ('#' starts a comment), then exit",
            "  --home DIR        folder with drop-in/ (bundles and .cfg files, watched live) and runs/ (default: .)",
            "  -h, --help        this text");

    /** Thrown for a usage error; the launcher prints the message and the usage and exits 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    boolean interactive() {
        return commands == null && script == null;
    }

    static CommandLine parse(String[] args) throws UsageException {
        Path home = null;
        List<String> commands = null;
        Path script = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h":
                case "--help":
                    return new CommandLine(Path.of(".").toAbsolutePath().normalize(), null, null, true);
                case "--home":
                    if (home != null) {
                        throw new UsageException("give --home once");
                    }
                    home = Path.of(value(args, ++i, arg));
                    break;
                case "-c":
                case "--command":
                    if (commands != null || script != null) {
                        throw new UsageException("give -c or --script once");
                    }
                    commands = splitStatements(value(args, ++i, arg));
                    if (commands.isEmpty()) {
                        throw new UsageException(arg + " needs at least one command, e.g. -c \"rnn:components\"");
                    }
                    break;
                case "--script":
                    if (commands != null || script != null) {
                        throw new UsageException("give -c or --script once");
                    }
                    script = Path.of(value(args, ++i, arg));
                    break;
                default:
                    throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        return new CommandLine((home == null ? Path.of(".") : home).toAbsolutePath().normalize(), commands, script, false);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /**
     * Splits {@code a; b} into statements so each command's output is printed (Gogo would return
     * only the last value); semicolons inside quotes or braces stay.
     */
    static List<String> splitStatements(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (char ch : text.toCharArray()) {
            if (quote != 0) {
                quote = ch == quote ? 0 : quote;
            } else if (ch == '"' || ch == '\'') {
                quote = ch;
            } else if (ch == '{' || ch == '(' || ch == '[') {
                depth++;
            } else if ((ch == '}' || ch == ')' || ch == ']') && depth > 0) {
                depth--;
            } else if (ch == ';' && depth == 0) {
                add(statements, current);
                continue;
            }
            current.append(ch);
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        current.setLength(0);
    }
}
