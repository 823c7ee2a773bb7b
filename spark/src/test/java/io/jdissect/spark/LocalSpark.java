package io.jdissect.spark;

import io.jdissect.api.Capture;
import io.jdissect.api.Jdissect;
import io.jdissect.api.Settings;
import io.jdissect.spi.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Spark in local mode for a test class (one session per class: it takes seconds to start), and rows made comparable. */
final class LocalSpark {
    private LocalSpark() { }

    static SparkSession start() {
        return SparkSession.builder().master("local[2]").appName("jdissect-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    static Path root() {
        return Path.of(System.getProperty("jdissect.root", "..")).toAbsolutePath().normalize();
    }

    /** What jdissect query prints for {@code query} on {@code file}: every row, every field, as sorted text. */
    static List<String> jdissectRows(Path file, String query) throws Exception {
        Capture cap = Jdissect.open(file, Settings.DEFAULTS);
        List<String> out = new ArrayList<>();
        cap.stream(cap.parse(query), r -> out.add(canonical(r)));
        out.sort(null);
        return out;
    }

    static String canonical(Row r) {
        Map<String, String> m = new TreeMap<>();
        r.values().forEach((k, v) -> m.put(k, String.valueOf(v)));
        return m.toString();
    }

    /** A DataFrame row as the same text: its non-null fields, a family's map as its members, without capture.*. */
    static String canonical(org.apache.spark.sql.Row r) {
        Map<String, String> m = new TreeMap<>();
        StructField[] fields = r.schema().fields();
        for (int i = 0; i < fields.length; i++) {
            String name = fields[i].name();
            if (r.isNullAt(i) || name.startsWith("capture.")) continue;
            if (fields[i].dataType() instanceof MapType) {
                String prefix = name.substring(0, name.length() - 1);
                r.<String, String>getJavaMap(i).forEach((k, v) -> m.put(prefix + k, v));
            } else if (fields[i].dataType() instanceof ArrayType) {
                m.put(name, String.valueOf(r.getList(i)));
            } else {
                m.put(name, String.valueOf(r.get(i)));
            }
        }
        return m.toString();
    }

    static List<String> sparkRows(List<org.apache.spark.sql.Row> rows) {
        List<String> out = new ArrayList<>();
        for (org.apache.spark.sql.Row r : rows) out.add(canonical(r));
        out.sort(null);
        return out;
    }
}
