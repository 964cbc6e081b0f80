package org.rnnlab.dashboard.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.rnnlab.api.trainer.RunStatus;

/**
 * The experiments the dashboard shows: {@code rnn:experiment} leaves its definition as
 * {@code runs/NAME.experiment} in the home folder and names its runs {@code NAME-1},
 * {@code NAME-2}, ... Only file names are read here. The columns of an experiment's table are
 * the spec keys whose values differ between its runs, found from the runs themselves.
 */
@Component(service = Experiments.class)
public class Experiments {
    private static final String SUFFIX = ".experiment";

    record Experiment(String name, List<String> runs, List<String> varied) {
    }

    private Path runsFolder;

    @Activate
    void activate(BundleContext context) {
        String home = context.getProperty("rnnlab.home");
        runsFolder = Path.of(home != null ? home : "").toAbsolutePath().resolve("runs");
    }

    List<Experiment> list(List<RunStatus> runs) {
        List<Experiment> found = new ArrayList<>();
        for (String name : names()) {
            Pattern member = Pattern.compile(Pattern.quote(name) + "-\\d+");
            List<RunStatus> members = runs.stream().filter(r -> member.matcher(r.name()).matches()).toList();
            if (!members.isEmpty()) {
                found.add(new Experiment(name, members.stream().map(RunStatus::name).toList(), varied(members)));
            }
        }
        return found;
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(runsFolder)) {
            return names;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runsFolder, "*" + SUFFIX)) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                names.add(fileName.substring(0, fileName.length() - SUFFIX.length()));
            }
        } catch (IOException e) {
            // an unreadable folder shows no experiments; the runs table still shows every run
        }
        names.sort(null);
        return names;
    }

    /** The spec keys whose values are not the same in every run. */
    static List<String> varied(List<RunStatus> runs) {
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.spec().keySet()));
        List<String> varied = new ArrayList<>();
        for (String key : keys) {
            Set<String> values = new HashSet<>();
            for (RunStatus r : runs) {
                values.add(String.valueOf(r.spec().get(key)));
            }
            if (values.size() > 1) {
                varied.add(key);
            }
        }
        return varied;
    }
}
