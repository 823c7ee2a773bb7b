package io.jdissect.spark;

import io.jdissect.api.Dissectors;
import io.jdissect.api.Jdissect;
import io.jdissect.query.Query;
import io.jdissect.query.QueryException;
import io.jdissect.query.Stage;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;

/**
 * {@code jdissect spark QUERY INPUT... --output DIR}: a query over many captures as a Spark job, for a user who does
 * not write Spark code. The rows part of the query ({@code source where filter}) runs in jdissect on the executors;
 * its stages run as Spark operations ({@code count by} a groupBy, {@code sort} an orderBy, {@code fields} a select).
 * Also the main class for {@code spark-submit} (README "Spark").
 */
@Command(name = "jdissect spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Runs a jdissect query over capture files as an Apache Spark job and writes the rows to a folder.")
public final class SparkCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "QUERY", description = "a jdissect query, e.g. 'chat where chat.type == \"say\" | count by chat.from'")
    String query;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT", description = "capture files, folders or globs (captures/**/*.pcap*)")
    List<String> inputs;

    @Option(names = "--master", description = "local[N], spark://host:port, ... (default: spark-submit's, else local[*])")
    String master;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "folder to write (must not exist)")
    String output;

    @Option(names = "--format", defaultValue = "parquet", description = "parquet or jsonl (default ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--partition-bytes", paramLabel = "N", description = "split a larger uncompressed file by conversations (default 268435456)")
    Long partitionBytes;

    @Option(names = "--on-error", defaultValue = "row", description = "row: a damaged file ends with an error row, the others complete; fail: the job fails")
    String onError;

    @Option(names = "--pref", paramLabel = "ID=VALUE", description = "a jdissect preference, as -Djdissect... in the REPL (repeatable)")
    Map<String, Long> prefs = new LinkedHashMap<>();

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkCommand()).execute(args));
    }

    @Override
    public Integer call() {
        if (!format.equals("parquet") && !format.equals("jsonl")) {
            System.err.println("jdissect spark: --format is parquet or jsonl, not " + format);
            return 64;
        }
        Dissectors dissectors = Jdissect.dissectors();
        Query q;
        try {
            q = Query.parse(query, dissectors.fields(), dissectors.sources());
        } catch (QueryException e) {
            System.err.println("jdissect spark: " + e.getMessage());
            return 64;
        }
        SparkSession.Builder b = SparkSession.builder().appName("jdissect spark " + query).config("spark.ui.showConsoleProgress", "true");
        if (master != null) b.master(master);
        else if (System.getProperty("spark.master") == null) b.master("local[*]");
        long started = System.nanoTime();
        SparkSession spark = b.getOrCreate();
        try {
            spark.sparkContext().uiWebUrl().foreach(url -> { System.err.println("jdissect spark: Spark UI at " + url); return null; });
            Dataset<org.apache.spark.sql.Row> rows = spark.read().format("jdissect").options(readOptions(q)).load(inputs.toArray(String[]::new));
            Dataset<org.apache.spark.sql.Row> result = stages(rows, q);
            String sparkFormat = format.equals("jsonl") ? "json" : "parquet";
            result.write().format(sparkFormat).save(output);
            Dataset<org.apache.spark.sql.Row> written = spark.read().format(sparkFormat).load(output);
            long count = written.count();
            int errors = 0;
            if (List.of(written.columns()).contains(SparkSchema.ERROR)) {
                for (org.apache.spark.sql.Row e : written.where(col(quoted(SparkSchema.ERROR)).isNotNull())
                        .select(quoted(SparkSchema.ERROR)).distinct().collectAsList()) {
                    System.err.println("jdissect spark: " + e.getString(0));
                    errors++;
                }
            }
            System.err.printf("jdissect spark: %d rows in %s (%s) in %.1f s%s%n", count, output, format,
                    (System.nanoTime() - started) / 1e9, errors == 0 ? "" : ", " + errors + " damaged file(s) (error rows)");
            return errors == 0 ? 0 : 2;
        } catch (IllegalArgumentException e) {
            System.err.println("jdissect spark: " + e.getMessage());
            return 64;
        } finally {
            spark.stop();
        }
    }

    private Map<String, String> readOptions(Query q) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put(ScanOptions.QUERY, rowsText(q));
        if (partitionBytes != null) o.put(ScanOptions.PARTITION_BYTES, String.valueOf(partitionBytes));
        o.put(ScanOptions.ON_ERROR, onError);
        prefs.forEach((k, v) -> o.put(ScanOptions.PREF + k, String.valueOf(v)));
        return o;
    }

    /** The part of a query that runs in jdissect on the executors: its source and filter. */
    static String rowsText(Query q) {
        return q.source().name() + (q.filterText() == null ? "" : " where " + q.filterText());
    }

    /** The query's stages as DataFrame operations, in their order. */
    static Dataset<org.apache.spark.sql.Row> stages(Dataset<org.apache.spark.sql.Row> rows, Query q) {
        Dataset<org.apache.spark.sql.Row> d = rows;
        for (Stage s : q.stages()) {
            switch (s) {
                case Stage.Fields f -> {
                    List<Column> cols = new ArrayList<>();
                    cols.add(col(quoted(SparkSchema.FILE)));
                    for (Stage.Column c : f.columns()) cols.add(col(quoted(full(c.from()))).as(c.name()));
                    cols.add(col(quoted(SparkSchema.ERROR)));
                    d = d.select(cols.toArray(Column[]::new));
                }
                case Stage.Aggregate a when a.aggs().size() == 1 && a.aggs().get(0).fn() == Stage.Fn.COUNT
                        && a.by().stream().noneMatch(Stage.Key::binned) -> {
                    // a damaged file's error row is a group of its own, so the error reaches the output
                    List<Column> by = new ArrayList<>();
                    for (Stage.Key k : a.by()) by.add(col(quoted(full(k.column()))).as(k.column()));
                    by.add(col(quoted(SparkSchema.ERROR)));
                    String name = a.aggs().get(0).name();
                    d = d.groupBy(by.toArray(Column[]::new)).count().withColumnRenamed("count", name).orderBy(col(quoted(name)).desc());
                }
                case Stage.Sort so -> {
                    List<Column> keys = new ArrayList<>();
                    for (Stage.SortKey k : so.keys()) {
                        Column c = col(quoted(full(k.column())));
                        keys.add(k.descending() ? c.desc_nulls_last() : c.asc_nulls_first());
                    }
                    d = d.orderBy(keys.toArray(Column[]::new));
                }
                case Stage.Limit l -> d = d.limit((int) Math.min(Integer.MAX_VALUE, l.n()));
                default -> throw new IllegalArgumentException("jdissect spark runs fields, count [by F, ...], sort and limit"
                        + " as Spark operations; for other stages use Spark's own (groupBy, agg, where) on the result");
            }
        }
        return d;
    }

    /** The short names a query may use ("port") as the columns they stand for. */
    private static String full(String id) { return id.equals("port") ? "tcp.port" : id; }

    /** A column name with dots, as Spark takes it. */
    static String quoted(String name) { return "`" + name.replace("`", "``") + "`"; }
}
