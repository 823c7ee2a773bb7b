package io.jdissect.report.collect;

import java.nio.file.Path;

/**
 * Everything one read of a capture gathered for its report, as the page draws it.
 *
 * @param stream the one conversation reported, or null
 * @param filter the query filter every row passed, or null
 * @param damage where reading stopped on a damaged capture, or null
 */
public record Findings(Path file, Long stream, String filter, String damage, Summary summary, Diagrams conversations,
                       Chat chat, IoGraph io, Anomalies anomalies) { }
