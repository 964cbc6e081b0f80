package org.rnnlab.trainer.internal;

import org.rnnlab.api.trainer.RunEvent;
import org.rnnlab.api.trainer.StepReport;

/** Where a run sends its reports and events: the trainer fans them out to the listeners. */
interface RunObserver {
    void step(StepReport report);

    void event(RunEvent event);
}
