package org.rnnlab.launcher;

import java.util.ArrayList;
import java.util.List;

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
 */
public final class BundleCommandFailures {
    /** Felix's commands (scope felix) that take typed arguments. */
    static final List<String> COMMANDS = List.of("lb", "headers", "start", "stop", "update", "uninstall", "refresh",
            "resolve", "inspect", "install", "bundlelevel", "frameworklevel", "which", "log");
    /** Those whose every argument but options is a bundle. */
    private static final java.util.Set<String> BUNDLES_ONLY = java.util.Set.of("headers", "start", "stop", "update",
            "uninstall", "refresh", "resolve");
    private static final String COERCION = "Cannot coerce";
    private static final String ID = "\\d{1,18}";

    private final BundleContext context;

    private BundleCommandFailures(BundleContext context) {
        this.context = context;
    }

    static void register(BundleContext context) {
        LauncherCommand.register(context, new BundleCommandFailures(context), "failed");
    }

    /** The Gogo statements that define the closures, one per command. */
    static List<String> definitions() {
        List<String> lines = new ArrayList<>();
        for (String command : COMMANDS) {
            // the catch closure sees the command's $args; copying them into a variable would run them as a command
            lines.add(command + " = { gogo:try { felix:" + command + " $args } { rnnlab:failed " + command
                    + " $exception $args } }");
        }
        return lines;
    }

    /** Gogo command {@code failed} (found as get + Failed): always refuses, in one line. */
    public Object getFailed(String command, Object failure, Object... arguments) {
        throw new Refusal(command + ": " + reason(command, failure, arguments));
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
