/**
 * Tasks: sources of training and evaluation batches, with their loss and metric.
 */
@Version("1.2.0")
package org.rnnlab.api.task;

import org.osgi.annotation.versioning.Version;
