package io.jdissect.flow;

import io.jdissect.packet.PacketView;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The flow table's slots against a plain access-ordered map, over random lookups, additions, removals and growth. */
class FlowSlotsTest {
    private static PacketView packet(int host, int port, boolean reply, boolean v6) {
        PacketView v = new PacketView();
        v.ipVersion = v6 ? 6 : 4;
        long client = 0xac100000L + host, server = 0x0a000001L;
        long hi = v6 ? 0xfd00000000000000L : 0;
        v.srcHi = hi; v.dstHi = hi;
        v.srcLo = reply ? server : client;
        v.dstLo = reply ? client : server;
        v.srcPort = reply ? 7272 : port;
        v.dstPort = reply ? port : 7272;
        return v;
    }

    @Test
    void behavesAsAnAccessOrderedMap() {
        Random rnd = new Random(42);
        FlowSlots index = new FlowSlots();
        Map<List<Object>, Long> model = new LinkedHashMap<>(16, 0.75f, true);
        long next = 0;
        for (int step = 0; step < 200_000; step++) {
            int host = rnd.nextInt(3000), port = 1024 + rnd.nextInt(4);
            boolean v6 = rnd.nextInt(5) == 0;
            List<Object> key = List.of(host, port, v6);
            PacketView v = packet(host, port, rnd.nextBoolean(), v6);
            int slot = index.find(v);
            Long want = model.get(key);   // moves it to the most recent end, as seen() does
            assertThat(slot >= 0).as("step %d", step).isEqualTo(want != null);
            if (slot >= 0) {
                assertThat(index.stream(slot)).isEqualTo(want);
                if (rnd.nextInt(10) == 0) {
                    index.remove(slot);
                    model.remove(key);
                } else {
                    index.seen(slot, step, step);
                }
            } else if (rnd.nextInt(3) > 0) {
                slot = index.add(next);
                index.seen(slot, step, step);
                model.put(key, next++);
            }
            if (rnd.nextInt(50) == 0 && index.oldest() >= 0) {   // expiry and eviction take the least recent
                long oldest = model.values().iterator().next();
                assertThat(index.stream(index.oldest())).isEqualTo(oldest);
                index.remove(index.oldest());
                model.values().remove(oldest);
            }
            assertThat(index.size()).isEqualTo(model.size());
        }
        while (index.oldest() >= 0) {
            long oldest = model.values().iterator().next();
            assertThat(index.stream(index.oldest())).isEqualTo(oldest);
            index.remove(index.oldest());
            model.values().remove(oldest);
        }
        assertThat(model).isEmpty();
    }
}
