/**
 * Shared vocabulary of all rnnlab contracts: options, errors for people, the run's random source and the service properties every component registers with.
 */
@Version("1.1.0")
package org.rnnlab.api;

import org.osgi.annotation.versioning.Version;
