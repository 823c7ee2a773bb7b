package io.jdissect.bench;

import io.jdissect.pipeline.Registry;
import io.jdissect.query.Query;
import io.jdissect.spi.Row;
import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/** Query evaluation: 1000 chat rows per invocation through a filter and a count (the rows are built once). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2) @Warmup(iterations = 5, time = 1) @Measurement(iterations = 10, time = 1)
@State(Scope.Thread)
public class QueryBench {
    @Param({"chat | count by chat.type", "chat where chat.type == \"say\" and port == 7272 | count by chat.from",
            "chat where chat.content contains \"hello\" | fields frame.number, chat.from"})
    String query;

    private Query q;
    private Row[] rows;

    @Setup
    public void setup() {
        Registry reg = Registry.load();
        q = Query.parse(query, reg.fields(), reg.sources());
        String[] types = {"say", "say", "login", "ping", "pong", "logout"};
        rows = new Row[1000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Row("chat").put("frame.number", (long) i).put("tcp.stream", (long) (i % 50))
                    .put("ip.src", "10.0.0.1").put("ip.dst", "172.16.0." + (i % 200))
                    .put("tcp.port", java.util.List.of(7272L, 40000L + i % 50)).put("websocket.direction", "s2c")
                    .put("chat.type", types[i % types.length]).put("chat.from", "user" + (i % 17))
                    .put("chat.content", i % 10 == 0 ? "hello world" : "something else entirely");
        }
    }

    @Benchmark
    @OperationsPerInvocation(1000)
    public void run(Blackhole bh) {
        Query.Runner r = q.runner(bh::consume);
        for (Row row : rows) r.accept(row);
        r.finish();
    }
}
