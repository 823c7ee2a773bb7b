/**
 * Everything a JavaScript file can reach, and nothing else: only members marked
 * {@link org.graalvm.polyglot.HostAccess.Export} here are visible to scripts.
 * <ul>
 *   <li>batch scripts: {@code capture} ({@link io.jdissect.scripts.api.CaptureApi}), {@code out}
 *       ({@link io.jdissect.scripts.api.Out}), {@code args} (array of strings), plus JavaScript's own
 *       {@code print} and {@code console.log};</li>
 *   <li>dissector files: {@code jdissect} ({@link io.jdissect.scripts.api.DissectorApi}); decoders get a
 *       {@code ctx} ({@link io.jdissect.scripts.api.StreamApi}) and {@link io.jdissect.scripts.api.Bytes}.</li>
 * </ul>
 */
package io.jdissect.scripts.api;
