package org.rnnlab.trainer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The trainer's configuration, PID {@value TrainerService#PID}: where checkpoints live and the
 * defaults of new runs. A {@code org.rnnlab.trainer.cfg} in {@code drop-in/} changes it live;
 * existing runs keep the spec they were created with (a run's defaults are written into its
 * spec when it is created). This describes the configuration to Metatype (so configuration tools
 * list it); {@link TrainerService} reads the properties themselves and checks them, so a value
 * that is not a number is refused in one line instead of failing the component.
 */
@ObjectClassDefinition(id = TrainerService.PID, name = "rnnlab trainer",
        description = "Where checkpoints live and the defaults of new runs")
@interface TrainerConfig {
    @AttributeDefinition(name = "home", description = "folder whose runs/ holds checkpoints; empty: the framework "
            + "property rnnlab.home, else the current folder")
    String home() default "";

    @AttributeDefinition(name = "checkpoint.every", description = "autosave every N steps (0: by steps never)", min = "0")
    long checkpoint_every() default 0;

    @AttributeDefinition(name = "checkpoint.minutes", description = "autosave every M minutes (0: by time never)", min = "0")
    double checkpoint_minutes() default 0;

    @AttributeDefinition(name = "checkpoint.keep", description = "autosaved checkpoints kept per run, newest first", min = "1")
    int checkpoint_keep() default 3;

    @AttributeDefinition(name = "threads", description = "threads a run's large products are split among", min = "1")
    int threads() default 1;

    @AttributeDefinition(name = "report", description = "steps between two step reports", min = "1")
    int report() default 100;

    @AttributeDefinition(name = "eval", description = "held-out sequences in an evaluation", min = "1")
    int eval() default 1000;
}
