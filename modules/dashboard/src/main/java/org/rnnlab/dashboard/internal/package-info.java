/**
 * The live dashboard: a page, a JSON API and a stream of server-sent events, all servlets on
 * the OSGi Jakarta Servlet whiteboard (served by Felix HTTP on Jetty 12), fed by a
 * {@link org.rnnlab.api.trainer.TrainingListener}.
 * <p>
 * Decisions:
 * <ul>
 * <li>Where it listens is Felix HTTP's own configuration (PID {@code org.apache.felix.http},
 * described by its Metatype): {@code org.apache.felix.http.host} and
 * {@code org.osgi.service.http.port}. The runtime's defaults are 127.0.0.1 and 8765; a
 * {@code drop-in/org.apache.felix.http.cfg} changes them live. {@code rnn:dashboard} prints
 * the address the server reports, or why there is none.</li>
 * <li>A page first asks for the history ({@code /api/runs/NAME/reports}, kept by the trainer)
 * and merges the live events ({@code /api/events}) after it by step, so a page opened mid-run
 * misses nothing and shows nothing twice. A client too slow for the stream is told to
 * {@code resync} (it asks for the history again) rather than silently losing events.</li>
 * <li>Safety: served on loopback, the server answers only requests addressed to a loopback
 * name (no DNS rebinding); state changes only by POST with the page's own Origin; only the
 * named files of the page are served (no listing); JSON only, never Java serialization; a
 * bad request gets a 4xx and one line saying why.</li>
 * </ul>
 */
package org.rnnlab.dashboard.internal;
