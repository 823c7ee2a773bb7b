package io.jdissect.spark;

import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.types.StructType;

/**
 * What every task of a read is given: the options, the jdissect query each task runs (the user's filter, the
 * filters Spark pushed, the columns it reads) and the schema of the rows it returns.
 */
record ReadPlan(ScanOptions options, String query, StructType schema) implements PartitionReaderFactory {
    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
        return new PartitionRows((CapturePartition) partition, this);
    }
}
