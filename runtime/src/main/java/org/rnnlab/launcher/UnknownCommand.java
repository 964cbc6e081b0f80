package org.rnnlab.launcher;

import java.util.Comparator;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * What a mistyped command answers. Gogo calls a command named {@code default} (any scope) with
 * the unknown name and its arguments before it gives up; this one names the closest known
 * command instead of Gogo's {@code CommandNotFoundException: Command not found: x}.
 */
public final class UnknownCommand {
    private final BundleContext context;

    private UnknownCommand(BundleContext context) {
        this.context = context;
    }

    static void register(BundleContext context) {
        LauncherCommand.register(context, new UnknownCommand(context), "default");
    }

    /** Gogo command {@code default} (Gogo finds it as get + Default). Always refuses, in one line. */
    public Object getDefault(Object... words) {
        String typed = words.length == 0 ? "" : String.valueOf(words[0]);
        String closest = closest(typed.contains(":") ? typed.substring(typed.indexOf(':') + 1) : typed);
        throw new Refusal("unknown command '" + typed + "'" + (closest == null ? "" : "; did you mean " + closest + "?")
                + " (help lists every command)");
    }

    /** The known command nearest to {@code typed} by edit distance, if any is near enough. */
    private String closest(String typed) {
        TreeSet<String> names = new TreeSet<>();
        try {
            for (ServiceReference<?> ref : context.getServiceReferences((String) null, "(osgi.command.scope=*)")) {
                String scope = String.valueOf(ref.getProperty("osgi.command.scope"));
                Object functions = ref.getProperty("osgi.command.function");
                for (Object f : functions instanceof Object[] all ? all : new Object[] {functions}) {
                    if (!scope.equals("rnnlab")) {
                        names.add(scope + ":" + f);
                    }
                }
            }
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return names.stream().filter(n -> distance(typed, n.substring(n.indexOf(':') + 1)) <= Math.max(1, typed.length() / 3))
                .min(Comparator.comparingInt((String n) -> distance(typed, n.substring(n.indexOf(':') + 1)))
                        .thenComparing(n -> !n.startsWith("rnn:")))
                .orElse(null);
    }

    /** Edit distance where swapping two neighbours counts as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(d[i - 1][j - 1] + cost, Math.min(d[i - 1][j], d[i][j - 1]) + 1);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
