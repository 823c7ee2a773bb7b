package io.jdissect.pipeline;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jdissect.capture.CaptureException;
import io.jdissect.capture.CaptureReader;
import io.jdissect.capture.CaptureWarning;
import io.jdissect.capture.Captures;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.CollectingSink;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on a fuzzed capture: reader, link/IP/TCP, reassembly, flows and every dissector on the
 * class path (HTTP, WebSocket with permessage-deflate, workerman-chat). Only {@link CaptureException} may
 * escape, and no dissector may throw (the engine would turn that into frame.dissector_failed). Limits are
 * small, so that every "limit exceeded" path is reached with small inputs.
 */
class AnalyzerFuzzTest {
    static final Config SMALL_LIMITS = Config.DEFAULTS
            .withPref(Limits.TCP_MAX_HELD, 8192)
            .withPref(Limits.TCP_MAX_HELD_TOTAL, 16384)
            .withPref(Limits.TCP_MAX_FLOWS, 8)
            .withPref(Limits.MAX_ANOMALIES_PER_FLOW, 20)
            .withPref("http.max_header_bytes", 1024)
            .withPref("http.max_headers", 16)
            .withPref("http.max_body_kept", 4096)
            .withPref("http.max_inflated", 16384)
            .withPref("websocket.max_frame_payload", 4096)
            .withPref("websocket.max_message", 8192)
            .withPref("websocket.max_inflated", 16384)
            .withPref("chat.max_message_bytes", 4096)
            .withPref("chat.max_depth", 8)
            .withDecodeAs(9001, "websocket");
    private static final int MAX_RECORD = 65536;

    @FuzzTest
    void analyze(byte[] data) {
        CollectingSink sink = new CollectingSink();
        List<CaptureWarning> warnings = new ArrayList<>();
        try (CaptureReader reader = Captures.open(new ByteArrayInputStream(data), "fuzz", MAX_RECORD, warnings)) {
            new Analysis(Analyses.registry(), SMALL_LIMITS, sink).run(reader, warnings, Execution.SERIAL);
        } catch (CaptureException e) {
            assertThat(e.getMessage()).contains("at byte offset");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> failures = sink.rows(EngineFields.ANOMALY_SOURCE.name()).stream()
                .filter(r -> EngineFields.DISSECTOR_FAILED.id().equals(r.string(EngineFields.ANOMALY_ID.id())))
                .map(r -> r.string(EngineFields.ANOMALY_DETAIL.id())).toList();
        assertThat(failures).as("dissectors that threw").isEmpty();
    }
}
