/**
 * Where an {@code rnn:experiment} trains its runs, for a bundle that trains them elsewhere than
 * in this runtime's own {@code Trainer} (the cluster bundle does, for {@code cluster=true}). The
 * shell keeps what does not depend on where runs train: the grid, the check of every combination
 * before anything trains, and the result table, so a grid gives the same table either way.
 * Plain Java types only: the shell knows nothing of the engine behind this interface.
 */
@Version("1.2.0")
package org.rnnlab.shell.grid;

import org.osgi.annotation.versioning.Version;
