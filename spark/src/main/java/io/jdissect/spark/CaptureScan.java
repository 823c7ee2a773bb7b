package io.jdissect.spark;

import io.jdissect.api.Dissectors;
import io.jdissect.api.Jdissect;
import io.jdissect.field.FieldDef;
import io.jdissect.query.Query;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownFilters;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.sources.Filter;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A read of capture files: Spark tells it the filters and columns it can use, and it plans one task per file or
 * per share of conversations ({@link Splits}). The query each task runs is text: the user's source and filter,
 * {@code and} the filters pushed, {@code | fields} the columns read (so dissectors skip the fields nobody reads).
 */
final class CaptureScan implements ScanBuilder, SupportsPushDownFilters, SupportsPushDownRequiredColumns, Scan, Batch {
    private final ScanOptions options;
    private final List<Path> files;
    private final Dissectors dissectors;
    private final Query query;
    private StructType schema;
    private Filter[] pushed = new Filter[0];
    private final List<String> pushedText = new ArrayList<>();

    CaptureScan(ScanOptions options, List<Path> files, StructType schema) {
        this.options = options;
        this.files = files;
        this.schema = schema;
        this.dissectors = Jdissect.check(options.settings());
        this.query = CaptureTable.rowsQuery(options.query(), dissectors);
    }

    @Override
    public Filter[] pushFilters(Filter[] filters) {
        List<Filter> taken = new ArrayList<>();
        for (Filter f : filters) {
            String text = FilterText.of(f, dissectors.fields());
            if (text != null) {
                taken.add(f);
                pushedText.add(text);
            }
        }
        pushed = taken.toArray(Filter[]::new);
        return filters;   // Spark applies them all again: a pushed filter narrows the read, it never decides alone
    }

    @Override
    public Filter[] pushedFilters() { return pushed; }

    @Override
    public void pruneColumns(StructType required) { schema = required; }

    @Override
    public Scan build() { return this; }

    @Override
    public StructType readSchema() { return schema; }

    @Override
    public String description() { return "jdissect[" + taskQuery() + "] " + files.size() + " file(s)"; }

    @Override
    public Batch toBatch() { return this; }

    @Override
    public InputPartition[] planInputPartitions() {
        return Splits.plan(files, options).toArray(InputPartition[]::new);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new ReadPlan(options, taskQuery(), schema);
    }

    /** The query every task runs. */
    String taskQuery() {
        StringBuilder q = new StringBuilder(query.source().name());
        List<String> filters = new ArrayList<>();
        if (query.filterText() != null) filters.add("(" + query.filterText() + ")");
        filters.addAll(pushedText);
        if (!filters.isEmpty()) q.append(" where ").append(String.join(" and ", filters));
        List<String> fields = new ArrayList<>();
        for (StructField f : schema.fields()) {
            if (SparkSchema.isFamily(f.name())) return q.toString();   // a family's members cannot be listed ahead
            FieldDef d = dissectors.fields().find(f.name());
            if (d != null && d.id().equals(f.name())) fields.add(d.id());
        }
        // nothing read but the file name (count(*)): one field still has to be built per row
        if (fields.isEmpty()) fields.add("frame.number");
        return q.append(" | fields ").append(String.join(", ", fields)).toString();
    }
}
