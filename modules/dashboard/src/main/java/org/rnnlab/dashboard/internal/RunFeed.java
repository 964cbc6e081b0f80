package org.rnnlab.dashboard.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.rnnlab.api.RnnlabException;
import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.StepReport;
import org.rnnlab.api.trainer.Trainer;
import org.rnnlab.api.trainer.TrainingListener;

/**
 * Listens to every run and hands each report and state change, written once as a frame, to
 * the pages that are subscribed. Training never waits on a page: offering a frame never
 * blocks (see {@link Subscription}).
 */
@Component(service = {RunFeed.class, TrainingListener.class})
public class RunFeed implements TrainingListener {
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();

    private final Trainer trainer;

    @Activate
    public RunFeed(@Reference Trainer trainer) {
        this.trainer = trainer;
    }

    Subscription subscribe() {
        Subscription made = new Subscription(subscriptions::remove);
        subscriptions.add(made);
        return made;
    }

    @Override
    public void step(StepReport report) {
        if (!subscriptions.isEmpty()) {
            publish(Subscription.frame("step", Json.write(report)));
        }
    }

    @Override
    public void event(RunEvent event) {
        if (subscriptions.isEmpty()) {
            return;
        }
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("event", event);
        if (event.kind() != RunEvent.Kind.REMOVED) {
            try {
                change.put("run", RunRow.of(trainer.status(event.run())));
            } catch (RnnlabException gone) {
                // removed meanwhile: the page learns it from the REMOVED event that follows
            }
        }
        publish(Subscription.frame("run", Json.write(change)));
    }

    private void publish(String frame) {
        for (Subscription s : subscriptions) {
            s.offer(frame);
        }
    }

    @Deactivate
    void closeAll() {
        subscriptions.forEach(Subscription::close);
    }
}
