package org.rnnlab.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.rnnlab.api.Components;
import org.rnnlab.api.Options;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.backend.MatrixBackend;
import org.rnnlab.api.cell.CellSpec;
import org.rnnlab.api.cell.CellType;
import org.rnnlab.api.init.Initializer;
import org.rnnlab.api.optim.Optimizer;
import org.rnnlab.api.remedy.GradientRemedy;
import org.rnnlab.api.task.Task;

/** The registered components of each kind, read from the service registry. */
final class ComponentListing {
    static final Map<String, Class<?>> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("cells", CellType.class);
        KINDS.put("initializers", Initializer.class);
        KINDS.put("optimizers", Optimizer.class);
        KINDS.put("remedies", GradientRemedy.class);
        KINDS.put("tasks", Task.class);
        KINDS.put("backends", MatrixBackend.class);
    }

    private ComponentListing() {
    }

    /** {@code cell} and {@code cells} both name the cells, and so on. */
    static String kind(String given) {
        String lower = given.toLowerCase(Locale.ROOT);
        for (String kind : KINDS.keySet()) {
            if (kind.equals(lower) || kind.equals(lower + "s") || kind.equals(lower.replaceAll("y$", "ies"))) {
                return kind;
            }
        }
        throw new RnnlabException("unknown kind '" + given + "'; accepted: " + String.join(", ", KINDS.keySet()));
    }

    static boolean isKind(String given) {
        try {
            kind(given);
            return true;
        } catch (RnnlabException e) {
            return false;
        }
    }

    /** Every component of that name, whatever its kind: kind, bundle, version and what it does. */
    static String describe(BundleContext context, String name) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Class<?>> kind : KINDS.entrySet()) {
            for (ServiceReference<?> ref : references(context, kind.getValue())) {
                if (name.equals(ref.getProperty(Components.NAME))) {
                    Object description = ref.getProperty(Components.DESCRIPTION);
                    out.append(out.length() == 0 ? "" : "\n").append(kind.getKey().replaceAll("ies$", "y").replaceAll("s$", ""))
                            .append(' ').append(name).append(" (").append(ref.getBundle().getSymbolicName()).append(' ')
                            .append(ref.getBundle().getVersion()).append(")\n  ")
                            .append(description == null ? "no description" : description)
                            .append(options(context, ref, name));
                }
            }
        }
        if (out.length() == 0) {
            throw new RnnlabException("no component or kind named '" + name + "'; kinds: " + String.join(", ", KINDS.keySet())
                    + " (rnn:components lists every component)");
        }
        return out.toString();
    }

    /**
     * The component's options, defaults and ranges, as its own configuration code reads them
     * ({@link Options#describing}); what a component needs before it says more is said too.
     */
    private static String options(BundleContext context, ServiceReference<?> ref, String name) {
        Object component = context.getService(ref);
        if (component == null || component instanceof MatrixBackend) {
            return "";
        }
        Options options = Options.describing(name);
        String stopped = "";
        try {
            configure(context, component, options);
        } catch (RnnlabException e) {
            stopped = "\n  (with no options it stops at: " + e.getMessage() + ")";
        } catch (RuntimeException | LinkageError e) {
            stopped = "\n  (it failed when configured with no options)";
        } finally {
            context.ungetService(ref);
        }
        List<Options.Described> read = options.described();
        if (read.isEmpty()) {
            return "\n  options: none" + stopped;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"  OPTION", "DEFAULT", "ACCEPTS"});
        for (Options.Described option : read) {
            rows.add(new String[] {"  " + option.key(), option.defaultValue().isEmpty() ? "-" : option.defaultValue(),
                    option.accepted().isEmpty() ? "-" : option.accepted()});
        }
        return "\n" + Format.table(rows).stripTrailing() + stopped;
    }

    /** Configures a component of any kind with {@code options}, as a run would. */
    private static void configure(BundleContext context, Object component, Options options) {
        if (component instanceof CellType cell) {
            ServiceReference<?>[] backends = references(context, MatrixBackend.class);
            if (backends.length == 0) {
                throw new RnnlabException("no matrix backend is installed");
            }
            withBackend(context, String.valueOf(backends[0].getProperty(Components.NAME)), backend -> {
                cell.create(new CellSpec(1, 1, options, backend));
                return 0;
            });
        } else if (component instanceof Initializer initializer) {
            initializer.configure(options);
        } else if (component instanceof Optimizer optimizer) {
            optimizer.configure(options);
        } else if (component instanceof GradientRemedy remedy) {
            remedy.configure(options);
        } else if (component instanceof Task task) {
            task.open(options);
        }
    }

    static String table(BundleContext context, String onlyKind) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"KIND", "NAME", "BUNDLE", "VERSION", "DESCRIPTION"});
        for (Map.Entry<String, Class<?>> kind : KINDS.entrySet()) {
            if (onlyKind != null && !onlyKind.equals(kind.getKey())) {
                continue;
            }
            List<String[]> ofKind = new ArrayList<>();
            for (ServiceReference<?> ref : references(context, kind.getValue())) {
                Object name = ref.getProperty(Components.NAME);
                Object description = ref.getProperty(Components.DESCRIPTION);
                ofKind.add(new String[] {kind.getKey().replaceAll("ies$", "y").replaceAll("s$", ""),
                        String.valueOf(name), ref.getBundle().getSymbolicName(), ref.getBundle().getVersion().toString(),
                        description == null ? "" : description.toString()});
            }
            ofKind.sort((a, b) -> a[1].compareTo(b[1]));
            rows.addAll(ofKind);
        }
        return Format.table(rows);
    }

    /** The names of the registered components of a kind, sorted. */
    static List<String> names(BundleContext context, String kind) {
        List<String> names = new ArrayList<>();
        for (ServiceReference<?> ref : references(context, KINDS.get(kind))) {
            names.add(String.valueOf(ref.getProperty(Components.NAME)));
        }
        names.sort(null);
        return names;
    }

    /** What {@code measure} gives with the backend called {@code name}, held only meanwhile. */
    static double withBackend(BundleContext context, String name, java.util.function.ToDoubleFunction<MatrixBackend> measure) {
        for (ServiceReference<?> ref : references(context, MatrixBackend.class)) {
            if (name.equals(ref.getProperty(Components.NAME))) {
                try {
                    return measure.applyAsDouble((MatrixBackend) context.getService(ref));
                } finally {
                    context.ungetService(ref);
                }
            }
        }
        throw new RnnlabException("backend '" + name + "' is gone");
    }

    /** Whether a component of that kind and name is registered now. */
    static boolean present(BundleContext context, String kind, String name) {
        for (ServiceReference<?> ref : references(context, KINDS.get(kind))) {
            if (name.equals(ref.getProperty(Components.NAME))) {
                return true;
            }
        }
        return false;
    }

    private static ServiceReference<?>[] references(BundleContext context, Class<?> type) {
        try {
            ServiceReference<?>[] refs = context.getServiceReferences(type.getName(), "(" + Components.NAME + "=*)");
            return refs == null ? new ServiceReference<?>[0] : refs;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
