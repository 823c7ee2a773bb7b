package io.jdissect.pipeline;

import io.jdissect.api.Jdissect;
import io.jdissect.spi.Direction;
import io.jdissect.spi.Row;
import io.jdissect.testing.Analyses;
import io.jdissect.testing.Fixtures;
import io.jdissect.testing.Shared;
import io.jdissect.testing.Tshark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Flows and reassembled streams against tshark, run live, on every shared capture. */
class FlowsMatchTsharkTest {
    static List<Path> captures() {
        return java.util.stream.Stream.concat(Shared.allCaptures().stream(), Fixtures.all().stream()).toList();
    }

    /** The first captures plus shared/corpus2 (encapsulations: MPLS, PPPoE, VXLAN, NFLOG; HTTP edge cases; tunnels). */
    static List<Path> capturesWithCorpus2() {
        return java.util.stream.Stream.concat(captures().stream(), Shared.corpus2().stream()).toList();
    }

    /** @param sent packets sent by each endpoint, as tshark's conversation table counts them per direction */
    private record Expected(Set<String> endpoints, long packets, long bytes, Map<String, Long> sent) { }

    @ParameterizedTest
    @MethodSource("capturesWithCorpus2")
    void flowsMatchTshark(Path file) {
        Map<Long, Expected> expected = new TreeMap<>();
        // the last occurrence of each field: a tunnelled packet's conversation is its innermost datagram's
        for (String[] f : Tshark.fields(file, "tcp", List.of("-E", "occurrence=l"), "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "ip.dst", "ipv6.dst", "tcp.dstport", "tcp.len")) {
            long stream = Long.parseLong(f[0]);
            String src = endpoint(f[1].isEmpty() ? f[2] : f[1], f[3], !f[1].isEmpty());
            String dst = endpoint(f[4].isEmpty() ? f[5] : f[4], f[6], !f[4].isEmpty());
            long len = f[7].isEmpty() ? 0 : Long.parseLong(f[7]);
            Expected e = expected.get(stream);
            Set<String> eps = e == null ? new HashSet<>() : new HashSet<>(e.endpoints());
            eps.add(src);
            eps.add(dst);
            Map<String, Long> sent = e == null ? new TreeMap<>() : new TreeMap<>(e.sent());
            sent.merge(src, 1L, Long::sum);
            sent.putIfAbsent(dst, 0L);
            expected.put(stream, new Expected(eps, (e == null ? 0 : e.packets()) + 1, (e == null ? 0 : e.bytes()) + len, sent));
        }
        List<Row> flows = Analyses.run(file, "flows").rows();
        Map<Long, Expected> actual = new TreeMap<>();
        for (Row r : flows) {
            Map<String, Long> sent = new TreeMap<>();
            sent.put(r.string("flow.client"), r.number("flow.c2s_packets"));
            sent.merge(r.string("flow.server"), r.number("flow.s2c_packets"), Long::sum);
            actual.put(r.number("tcp.stream"), new Expected(Set.of(r.string("flow.client"), r.string("flow.server")),
                    r.number("flow.packets"), r.number("flow.bytes"), sent));
        }
        assertThat(actual).as("flows of " + file.getFileName()).isEqualTo(expected);
    }

    /**
     * What each sender sent in each stream, from tshark's view of each packet rather than its follow: every TCP
     * payload byte by relative sequence number, the first copy of a byte kept, bytes never captured left out. One
     * tshark run for the whole capture.
     */
    private static Map<Long, Map<String, byte[]>> capturedBytes(Path file) {
        Map<Long, Map<String, TreeMap<Long, Byte>>> bytes = new TreeMap<>();
        for (String[] f : Tshark.fields(file, "tcp.len > 0", List.of("-E", "occurrence=l"),
                "tcp.stream", "ip.src", "ipv6.src", "tcp.srcport", "tcp.seq", "tcp.payload")) {
            String sender = endpoint(f[1].isEmpty() ? f[2] : f[1], f[3], !f[1].isEmpty());
            TreeMap<Long, Byte> at = bytes.computeIfAbsent(Long.parseLong(f[0]), k -> new TreeMap<>()).computeIfAbsent(sender, k -> new TreeMap<>());
            long seq = Long.parseLong(f[4]);
            byte[] payload = java.util.HexFormat.of().parseHex(f[5].replace(":", ""));
            for (int i = 0; i < payload.length; i++) at.putIfAbsent(seq + i, payload[i]);
        }
        Map<Long, Map<String, byte[]>> out = new TreeMap<>();
        bytes.forEach((stream, bySender) -> bySender.forEach((sender, b) -> {
            byte[] o = new byte[b.size()];
            int i = 0;
            for (byte x : b.values()) o[i++] = x;
            out.computeIfAbsent(stream, k -> new TreeMap<>()).put(sender, o);
        }));
        return out;
    }

    private static String endpoint(String addr, String port, boolean v4) {
        return v4 ? addr + ":" + port : "[" + addr + "]:" + port;
    }

    /**
     * Captures where tshark's follow is the one that is wrong: it ends a direction at a hole that is never filled
     * (650HttpResponses: segments of the server were never captured), where jdissect declares a gap and goes on.
     * There tshark's bytes must be a prefix of jdissect's (a strict one in some direction), and jdissect's must be
     * the capture's own bytes.
     */
    private static final Set<String> TSHARK_STOPS_AT_HOLES = Set.of("seladb__PcapPlusPlus__650HttpResponses.pcap");

    @ParameterizedTest
    @MethodSource("capturesWithCorpus2")
    void reassembledStreamsMatchTsharkFollow(Path file) throws Exception {
        var cap = Jdissect.open(file);
        boolean tsharkStops = TSHARK_STOPS_AT_HOLES.contains(file.getFileName().toString());
        boolean wentOn = false;
        List<Row> flows = cap.flows().rows();
        // one tshark run follows every stream (one per stream took minutes on 650HttpResponses' 284)
        List<Long> withBytes = flows.stream().filter(f -> f.number("flow.bytes") > 0).map(f -> f.number("tcp.stream")).toList();
        Map<Long, Tshark.Follow> follows = Tshark.followRaw(file, withBytes, List.of("-o", "tcp.reassemble_out_of_order:TRUE"));
        Map<Long, Map<String, byte[]>> captured = tsharkStops ? capturedBytes(file) : Map.of();
        for (Row flow : flows) {
            long stream = flow.number("tcp.stream");
            if (flow.number("flow.bytes") == 0) continue;
            Tshark.Follow t = follows.get(stream);
            String client = flow.string("flow.client"), server = flow.string("flow.server");
            if (tsharkStops) {
                for (Direction d : Direction.values()) {
                    byte[] ours = cap.follow(stream, d), theirs = t.from(d == Direction.C2S ? client : server);
                    String what = file.getFileName() + " stream " + stream + " " + d;
                    assertThat(ours).as(what + ": the capture's bytes").isEqualTo(captured.getOrDefault(stream, Map.of()).getOrDefault(d == Direction.C2S ? client : server, new byte[0]));
                    assertThat(ours.length).as(what + ": tshark stops at the hole").isGreaterThanOrEqualTo(theirs.length);
                    assertThat(java.util.Arrays.copyOf(ours, theirs.length)).as(what + ": tshark's bytes are where ours start").isEqualTo(theirs);
                    wentOn |= ours.length > theirs.length;
                }
                continue;
            }
            assertThat(cap.follow(stream, Direction.C2S)).as(file.getFileName() + " stream " + stream + " c2s")
                    .isEqualTo(t.from(client));
            assertThat(cap.follow(stream, Direction.S2C)).as(file.getFileName() + " stream " + stream + " s2c")
                    .isEqualTo(t.from(server));
        }
        assertThat(wentOn || !tsharkStops).as(file.getFileName() + ": jdissect goes on past a hole where tshark stops").isTrue();
    }
}
