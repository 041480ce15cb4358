/**
 * Simulated pageservers (pageserver/src): a node's location configs, its layer files and the {@code *Routes} over
 * them (pageserver/src/http/routes.rs), and the timeline operations a pageserver performs on remote storage
 * ({@link io.neonclient.testkit.internal.pageserver.Timelines}), which the controller also calls in-process.
 *
 * <p>Locking: a {@code PageserverNode}'s location map is concurrent; timeline data is guarded by its
 * {@code TimelineData} and {@code RemoteStorage} monitors. None of these is held while taking the controller's
 * monitor (see the storcon package for the lock order).
 */
package io.neonclient.testkit.internal.pageserver;
