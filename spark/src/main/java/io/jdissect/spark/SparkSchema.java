package io.jdissect.spark;

import io.jdissect.api.Dissectors;
import io.jdissect.field.FieldDef;
import io.jdissect.field.FieldType;
import io.jdissect.spi.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The DataFrame schema, read from the field registry: one column per declared field, named by its id and typed
 * from its {@link FieldType} (each type mapped once, in {@link #type}); fields holding both ends of a conversation
 * as arrays; each family ({@code chat.*}, {@code http.header.*}) as a map of its members; plus where a row came
 * from ({@code capture.file}) and, on the one row a damaged file ends with, what went wrong ({@code capture.error}).
 */
final class SparkSchema {
    static final String FILE = "capture.file";
    static final String ERROR = "capture.error";

    private SparkSchema() { }

    /** The Spark type of a field type. TIME stays nanoseconds (a Spark timestamp holds microseconds only). */
    static DataType type(FieldType t) {
        return switch (t) {
            case INTEGER, TIME -> DataTypes.LongType;
            case BOOLEAN -> DataTypes.BooleanType;
            case DOUBLE -> DataTypes.DoubleType;
            case STRING, ADDRESS, BYTES -> DataTypes.StringType;
        };
    }

    static StructType of(Dissectors d) {
        List<StructField> cols = new ArrayList<>();
        cols.add(new StructField(FILE, DataTypes.StringType, false, Metadata.empty()));
        for (FieldDef f : d.fields().all()) {
            if (f.family()) {
                cols.add(new StructField(familyColumn(f), DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true, Metadata.empty()));
                continue;
            }
            DataType t = type(f.type());
            if (d.eitherEnd(f.id())) t = DataTypes.createArrayType(t, false);
            cols.add(new StructField(f.id(), t, true, Metadata.empty()));
        }
        cols.add(new StructField(ERROR, DataTypes.StringType, true, Metadata.empty()));
        return new StructType(cols.toArray(StructField[]::new));
    }

    static String familyColumn(FieldDef family) { return family.id() + ".*"; }

    static boolean isFamily(String column) { return column.endsWith(".*"); }

    /** Fills rows of {@code schema} (every column, or the ones a pruned scan reads) from jdissect rows. */
    static final class Converter {
        private final StructType schema;
        private final String[] names;
        private final String[] familyPrefix;   // "chat." for the column chat.*, else null
        private final int fileAt, errorAt;
        private final java.util.Set<String> declared;   // ids with a column of their own, not repeated in a family's map

        Converter(StructType schema, Dissectors d) {
            this.schema = schema;
            java.util.Set<String> ids = new java.util.HashSet<>();
            for (FieldDef f : d.fields().all()) if (!f.family()) ids.add(f.id());
            this.declared = ids;
            this.names = schema.fieldNames();
            this.familyPrefix = new String[names.length];
            int file = -1, error = -1;
            for (int i = 0; i < names.length; i++) {
                if (isFamily(names[i])) familyPrefix[i] = names[i].substring(0, names[i].length() - 1);
                if (names[i].equals(FILE)) file = i;
                if (names[i].equals(ERROR)) error = i;
            }
            this.fileAt = file;
            this.errorAt = error;
        }

        InternalRow row(String file, Row r) {
            GenericInternalRow out = new GenericInternalRow(names.length);
            Map<String, Object> all = null;
            for (int i = 0; i < names.length; i++) {
                if (i == fileAt) {
                    out.update(i, UTF8String.fromString(file));
                } else if (familyPrefix[i] != null) {
                    if (all == null) all = r.values();
                    out.update(i, members(familyPrefix[i], all, declared));
                } else if (i != errorAt) {
                    Object v = r.get(names[i]);
                    if (v != null) out.update(i, value(names[i], schema.fields()[i].dataType(), v));
                }
            }
            return out;
        }

        /** The row a damaged file ends with: its name and the error, nothing else. */
        InternalRow error(String file, String message) {
            GenericInternalRow out = new GenericInternalRow(names.length);
            if (fileAt >= 0) out.update(fileAt, UTF8String.fromString(file));
            if (errorAt >= 0) out.update(errorAt, UTF8String.fromString(message));
            return out;
        }

        private static Object members(String prefix, Map<String, Object> all, java.util.Set<String> declared) {
            List<UTF8String> keys = new ArrayList<>(), vals = new ArrayList<>();
            for (Map.Entry<String, Object> e : all.entrySet()) {
                if (e.getKey().startsWith(prefix) && e.getValue() != null && !declared.contains(e.getKey())) {
                    keys.add(UTF8String.fromString(e.getKey().substring(prefix.length())));
                    vals.add(UTF8String.fromString(String.valueOf(e.getValue())));
                }
            }
            if (keys.isEmpty()) return null;
            return ArrayBasedMapData.apply(keys.toArray(), vals.toArray());
        }

        private static Object value(String field, DataType t, Object v) {
            if (t instanceof org.apache.spark.sql.types.ArrayType a) {
                if (!(v instanceof List<?> l)) return new GenericArrayData(new Object[]{value(field, a.elementType(), v)});
                Object[] items = new Object[l.size()];
                for (int i = 0; i < items.length; i++) items[i] = value(field, a.elementType(), l.get(i));
                return new GenericArrayData(items);
            }
            if (t == DataTypes.StringType) return UTF8String.fromString(String.valueOf(v));
            if (t == DataTypes.LongType && v instanceof Number n) return n.longValue();
            if (t == DataTypes.DoubleType && v instanceof Number n) return n.doubleValue();
            if (t == DataTypes.BooleanType && v instanceof Boolean b) return b;
            throw new IllegalStateException("field " + field + " holds " + v.getClass().getSimpleName() + " " + v + ", not its declared " + t.simpleString());
        }
    }
}
