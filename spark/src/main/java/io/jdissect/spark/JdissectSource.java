package io.jdissect.spark;

import io.jdissect.api.Dissectors;
import io.jdissect.api.Jdissect;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code spark.read.format("jdissect").option("query", "chat where ...").load("captures/**}{@code /*.pcap*")}:
 * the rows of a jdissect query over capture files, with the same dissectors (and plugin folder,
 * {@code -Djdissect.plugins}) on every executor.
 */
public final class JdissectSource implements TableProvider, DataSourceRegister {
    @Override
    public String shortName() { return "jdissect"; }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        ScanOptions o = ScanOptions.of(options);
        Dissectors d = Jdissect.check(o.settings());
        CaptureTable.rowsQuery(o.query(), d);   // a bad query fails here, on the driver, with its position
        return SparkSchema.of(d);
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        ScanOptions o = ScanOptions.of(properties);
        return new CaptureTable(o, CaptureFiles.resolve(paths(properties)), schema);
    }

    /** Spark gives load("a") as "path" and load("a", "b") as "paths", a JSON array. */
    private static List<String> paths(Map<String, String> properties) {
        List<String> out = new ArrayList<>();
        CaseInsensitiveStringMap p = new CaseInsensitiveStringMap(properties);
        if (p.containsKey("path")) out.add(p.get("path"));
        if (p.containsKey("paths")) {
            try {
                for (String s : new com.fasterxml.jackson.databind.ObjectMapper().readValue(p.get("paths"), String[].class)) out.add(s);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("paths: " + e.getMessage(), e);
            }
        }
        return out;
    }
}
