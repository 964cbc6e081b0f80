package org.rnnlab.cluster.internal;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.util.tracker.ServiceTracker;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.api.trainer.TrainingListener;

/**
 * The live view of runs that train on other members: the latest report of each (for
 * {@code rnn:cluster}), and each report handed to this runtime's {@link TrainingListener}s when
 * this runtime holds a run of that name, as the coordinator of a grid does. So the dashboard and
 * {@code target=} follow a remote run as they follow a local one.
 */
@Component(service = RemoteRuns.class, immediate = true)
public class RemoteRuns {
    private static final System.Logger LOG = System.getLogger(RemoteRuns.class.getName());

    private final Trainer trainer;
    private final Map<String, RemoteReport> latest = new ConcurrentHashMap<>();
    private final ServiceTracker<TrainingListener, TrainingListener> listeners;
    private final Thread subscribing;
    private volatile Membership membership;
    private volatile UUID subscription;

    @Activate
    public RemoteRuns(@Reference ClusterMember member, @Reference Trainer trainer, BundleContext context) {
        this.trainer = trainer;
        this.listeners = new ServiceTracker<>(context, TrainingListener.class, null);
        listeners.open();
        subscribing = new Thread(() -> {
            try {
                membership = member.await();
                subscription = membership.store().onReport(this::received);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "no live view of remote runs: " + e.getMessage());
            }
        }, "rnnlab cluster reports");
        subscribing.setDaemon(true);
        subscribing.start();
    }

    /** The latest report of each run trained on the cluster, by run. */
    Map<String, RemoteReport> latest() {
        return Map.copyOf(latest);
    }

    private void received(RemoteReport report) {
        latest.merge(report.run(), report, (was, now) -> now.step() >= was.step() || !now.member().equals(was.member())
                ? now : was);
        if (trainer.runs().stream().noneMatch(r -> r.name().equals(report.run()))) {
            return;
        }
        StepReport step = new StepReport(report.run(), report.step(), report.loss(), report.metric(),
                report.gradientNorm(), new double[0], new double[0], report.stepsPerSecond(), Double.NaN, Map.of());
        ServiceReference<TrainingListener>[] references = listeners.getServiceReferences();
        for (ServiceReference<TrainingListener> reference : references == null ? noReferences() : references) {
            Object only = reference.getProperty(TrainingListener.RUN);
            TrainingListener listener = listeners.getService(reference);
            if (listener != null && (only == null || only.equals(report.run()))) {
                try {
                    listener.step(step);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a training listener failed on a remote report: " + e.getMessage());
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ServiceReference<TrainingListener>[] noReferences() {
        return new ServiceReference[0];
    }

    @Deactivate
    void close() throws InterruptedException {
        subscribing.interrupt();
        subscribing.join(1000);
        Membership joined = membership;
        UUID id = subscription;
        if (joined != null && id != null) {
            joined.store().removeReportListener(id);
        }
        listeners.close();
    }
}
