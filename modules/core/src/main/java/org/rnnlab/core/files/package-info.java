/**
 * Files that people name in commands ({@code rnn:plot file=}, {@code rnn:export file=},
 * {@code rnn:history csv=}, ...), written by one policy for every bundle: relative to the home
 * folder, only over nothing or an earlier file of the same kind (never over a file the person
 * may still want, a link, a folder or a device), and replaced whole through a temporary file.
 */
@Version("1.0.0")
package org.rnnlab.core.files;

import org.osgi.annotation.versioning.Version;
