package org.rnnlab.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.rnnlab.reference.ReferenceSet;

/**
 * The conformance checker on the command line:
 * {@code java -jar rnnlab-conformance.jar [--reference DIR]} runs every case of the reference
 * set in DIR (default: the set that ships) against the components on the class path, prints
 * one line per case and a closing line {@code N passed, N failed}; exit status 0 only if all
 * passed, 2 on a usage error.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        ReferenceSet set;
        if (args.length == 0) {
            set = ReferenceSet.standard();
        } else if (args.length == 2 && args[0].equals("--reference") && Files.isDirectory(Path.of(args[1]))) {
            set = ReferenceSet.open(Path.of(args[1]));
        } else {
            System.err.println("usage: java -jar rnnlab-conformance.jar [--reference DIR]  (DIR holds index.json and its cases)");
            return 2;
        }
        List<CaseResult> results;
        try {
            results = new ConformanceChecker(DeclarativeComponents.onClassPath()).check(set);
        } catch (RuntimeException e) {
            System.err.println("conformance: " + e.getMessage());
            return 1;
        }
        results.forEach(r -> System.out.println(r.line()));
        long passed = results.stream().filter(CaseResult::passed).count();
        System.out.println(passed + " passed, " + (results.size() - passed) + " failed");
        return passed == results.size() && !results.isEmpty() ? 0 : 1;
    }
}
