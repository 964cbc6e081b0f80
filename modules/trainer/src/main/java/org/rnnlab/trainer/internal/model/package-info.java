/**
 * A run's model and what one pass through it needs: the {@link org.rnnlab.trainer.internal.model.Network}
 * (layers of cells, directions, the linear head, parameters and gradients), its
 * {@link org.rnnlab.trainer.internal.model.Workspace} (buffers sized once per spec), the
 * {@link org.rnnlab.trainer.internal.model.Objective} (loss and metric), and the gradients as remedies see
 * them. Nothing here knows runs, checkpoints or services; private to the trainer bundle.
 */
package org.rnnlab.trainer.internal.model;
