package io.jdissect.spark;

import io.jdissect.api.Dissectors;
import io.jdissect.query.Query;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The rows of one query's source over some capture files: what {@code spark.read.format("jdissect")...load(...)} is. */
final class CaptureTable implements SupportsRead {
    private final ScanOptions options;
    private final List<Path> files;
    private final StructType schema;

    CaptureTable(ScanOptions options, List<Path> files, StructType schema) {
        this.options = options;
        this.files = files;
        this.schema = schema;
    }

    /**
     * Parses {@code text} and checks it is only a source and a filter: counting, sorting, limits and field lists
     * are Spark's to do on the DataFrame ({@code groupBy}, {@code orderBy}, {@code limit}, {@code select}).
     */
    static Query rowsQuery(String text, Dissectors d) {
        Query q = Query.parse(text, d.fields(), d.sources());
        if (!q.stages().isEmpty()) {
            throw new IllegalArgumentException("the jdissect data source takes a source and a filter (\"chat where ...\"), not '| "
                    + text.substring(text.indexOf('|') + 1).strip() + "': do that on the DataFrame (groupBy, orderBy, limit, select),"
                    + " or use jdissect spark, which does it for you");
        }
        return q;
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
        return new CaptureScan(options, files, schema);
    }

    @Override
    public String name() { return "jdissect(" + options.query() + ")"; }

    @Override
    public StructType schema() { return schema; }

    @Override
    public Set<TableCapability> capabilities() { return Set.of(TableCapability.BATCH_READ); }
}
