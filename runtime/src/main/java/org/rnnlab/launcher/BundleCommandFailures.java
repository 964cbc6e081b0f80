package org.rnnlab.launcher;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;

/**
 * What Felix's bundle commands ({@code lb}, {@code stop ID}, ...) answer when they fail. Gogo
 * answered arguments that fit none of a command's methods with its coercion error, in Java's
 * types ({@code Cannot coerce stop(Token) to any of [(boolean, Bundle[])]}), and the interactive
 * console printed it, as every failure, with the exception's class name in front. Each of these
 * commands is now a Gogo closure of the same name that calls Felix's and hands a failure to
 * {@code rnnlab:failed}, which refuses in one line: an id that names no bundle, a word that is no
 * id, arguments that fit none of the command's forms, or the failure's own message. The closures
 * are defined in the interactive profile ({@link #definitions}; they need its {@code try}, which
 * comes with the console); a command that succeeds behaves, and pipes, as Felix's. Under
 * {@code -c} and {@code --script}, whose errors are printed by the launcher without a class name,
 * {@link #explain} words a coercion error the same way from the statement.
 *
 * <p>Five of them ({@link #ANSWERING}) do not fail when a bundle does not start, install or
 * update: they return the failure as text, an exception's {@code toString()}
 * ({@code java.net.MalformedURLException: no protocol: abc} for {@code start abc}) or a line of
 * their own ({@code Bundle ID '999'  is invalid.}). Their closures hand that answer to
 * {@code rnnlab:answered} ({@link #failureIn}), which passes any other answer on unchanged and
 * refuses such a one in one line, so a script sees the failure too (exit status 1 under
 * {@code -c}).
 */
public final class BundleCommandFailures {
    /** Felix's commands (scope felix) that take typed arguments. */
    static final List<String> COMMANDS = List.of("lb", "headers", "start", "stop", "update", "uninstall", "refresh",
            "resolve", "inspect", "install", "bundlelevel", "frameworklevel", "which", "log");
    /** Those whose every argument but options is a bundle. */
    private static final java.util.Set<String> BUNDLES_ONLY = java.util.Set.of("headers", "start", "stop", "update",
            "uninstall", "refresh", "resolve");
    /** Those that answer a failure as text instead of failing. */
    static final List<String> ANSWERING = List.of("install", "start", "stop", "update", "uninstall");
    /** An exception's {@code toString()}: a class name with its package, then the message, if any. */
    private static final Pattern EXCEPTION =
            Pattern.compile("(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)(?::\\s*(.*))?");
    private static final Pattern INVALID_ID = Pattern.compile("Bundle ID '(.*)'\\s+is invalid\\.");
    private static final Pattern UNPARSABLE_ID = Pattern.compile("Unable to parse id '(.*)'\\.");
    /** Felix's own lines for a command given too little, or a location it cannot read. */
    private static final Pattern USAGE = Pattern.compile("(?:Please specify|Must specify|Unable to parse URL).*");
    /** A word that is no bundle id is a location to install from, for {@code start} too. */
    private static final Pattern NO_PROTOCOL = Pattern.compile("no protocol: (.*)");
    private static final Pattern NO_FILE = Pattern.compile("(.*) \\(No such file or directory\\)");
    private static final String COERCION = "Cannot coerce";
    private static final String ID = "\\d{1,18}";

    private final BundleContext context;

    private BundleCommandFailures(BundleContext context) {
        this.context = context;
    }

    static void register(BundleContext context) {
        BundleCommandFailures command = new BundleCommandFailures(context);
        LauncherCommand.register(context, command, "failed");
        LauncherCommand.register(context, command, "answered");
    }

    /** The Gogo statements that define the closures, one per command. */
    static List<String> definitions() {
        List<String> lines = new ArrayList<>();
        for (String command : COMMANDS) {
            String call = "felix:" + command + " $args";
            if (ANSWERING.contains(command)) {
                call = "rnnlab:answered " + command + " (" + call + ")";
            }
            // the catch closure sees the command's $args; copying them into a variable would run them as a command
            lines.add(command + " = { gogo:try { " + call + " } { rnnlab:failed " + command + " $exception $args } }");
        }
        return lines;
    }

    /** Gogo command {@code failed} (found as get + Failed): always refuses, in one line. */
    public Object getFailed(String command, Object failure, Object... arguments) {
        if (failure instanceof Refusal worded) {
            throw worded; // rnnlab:answered's, already in words
        }
        throw new Refusal(command + ": " + reason(command, failure, arguments));
    }

    /** Gogo command {@code answered}: a Felix command's answer, unless it tells of a failure (then refused). */
    public Object getAnswered(String command, Object answer) {
        String failure = failureIn(command, answer);
        if (failure != null) {
            throw new Refusal(failure);
        }
        return answer;
    }

    /**
     * The failure that one of the {@link #ANSWERING} commands answered, in one line that starts
     * with the command (the answer's other lines kept, joined by "; "); null when it tells of none.
     */
    static String failureIn(String command, Object answer) {
        if (!(answer instanceof String text)) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        boolean failed = false;
        for (String line : text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            String worded = worded(line);
            failed |= worded != null;
            lines.add(worded != null ? worded : line);
        }
        return failed ? command + ": " + String.join("; ", lines) : null;
    }

    /**
     * Under {@code -c}, where the closures are not defined: the failure in the printable answer
     * of a statement that calls one of the {@link #ANSWERING} commands alone, or null.
     */
    static String failureOfStatement(String statement, String answer) {
        List<String> words = List.of(statement.strip().split("\\s+"));
        String command = words.get(0).replaceFirst("^felix:", "");
        if (statement.contains("|") || !ANSWERING.contains(command)) {
            return null;
        }
        return failureIn(command, answer);
    }

    /** A line of an answer that tells of a failure, in words; null for any other line. */
    private static String worded(String line) {
        Matcher m = INVALID_ID.matcher(line);
        if (m.matches()) {
            return "no bundle has id " + m.group(1) + " (lb lists them)";
        }
        m = UNPARSABLE_ID.matcher(line);
        if (m.matches()) {
            return "'" + m.group(1) + "' is not a bundle id (lb lists them)";
        }
        if (USAGE.matcher(line).matches()) {
            return line; // Felix's words are clear; what was missing is that the command failed
        }
        m = EXCEPTION.matcher(line);
        if (!m.matches()) {
            return null;
        }
        String message = m.group(1);
        if (message == null || message.isBlank()) {
            return "it failed without saying why";
        }
        Matcher location = NO_PROTOCOL.matcher(message);
        if (location.matches()) {
            return "'" + location.group(1) + "' is neither a bundle id nor a location to install from (a URL, "
                    + "such as file:/path/to/bundle.jar)";
        }
        Matcher file = NO_FILE.matcher(message);
        if (file.matches()) {
            return "no such file: " + file.group(1);
        }
        return message;
    }

    /**
     * Gogo's coercion error for a command of {@code statement} in the same words as the
     * console's, its arguments taken as the words after the command's name; null for any other
     * failure.
     */
    static String explain(BundleContext context, String statement, Throwable failure) {
        String message = failure.getMessage();
        if (!(failure instanceof IllegalArgumentException) || message == null || !message.startsWith(COERCION + " ")) {
            return null;
        }
        String command = message.substring(COERCION.length() + 1).replaceFirst("\\(.*", "");
        if (!COMMANDS.contains(command)) {
            return null; // another command's coercion error: Gogo's words are the accurate ones
        }
        // the part of the statement that calls it: pipelines and sequences cut at | ; and &&
        for (String part : statement.split("\\||;|&&")) {
            List<String> words = List.of(part.strip().split("\\s+"));
            if (words.get(0).equals(command) || words.get(0).equals("felix:" + command)) {
                return command + ": " + new BundleCommandFailures(context).reason(command, failure,
                        words.subList(1, words.size()).toArray());
            }
        }
        return null;
    }

    private String reason(String command, Object failure, Object[] arguments) {
        if (!(failure instanceof IllegalArgumentException coercion) || coercion.getMessage() == null
                || !coercion.getMessage().startsWith(COERCION)) {
            return failure instanceof Throwable t ? Main.oneLine(t) : String.valueOf(failure);
        }
        if (coercion.getMessage().contains("Bundle")) {
            for (Object argument : arguments) {
                String word = String.valueOf(argument);
                if (word.matches(ID) && context.getBundle(Long.parseLong(word)) == null) {
                    return "no bundle has id " + word + " (lb lists them)";
                }
            }
            for (Object argument : arguments) {
                String word = String.valueOf(argument);
                if (BUNDLES_ONLY.contains(command) && !word.startsWith("-") && !word.matches(ID)
                        && !(argument instanceof org.osgi.framework.Bundle)) {
                    return "'" + word + "' is not a bundle id (lb lists them)";
                }
            }
        }
        if (arguments.length == 0) {
            return "it needs arguments; help " + command + " shows what it takes";
        }
        List<String> words = new ArrayList<>();
        for (Object argument : arguments) {
            words.add(String.valueOf(argument));
        }
        return "'" + String.join(" ", words) + "' does not fit what it takes; help " + command + " shows its options "
                + "and arguments";
    }
}
