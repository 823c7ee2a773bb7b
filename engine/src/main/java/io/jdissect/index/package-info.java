/**
 * Capture indexes: what the first full read of a large capture file learned (its conversations, and which
 * packets belong to which), kept in a cache folder so that later queries on the same file answer {@code flows}
 * without reading packets and read only the conversations a query can match.
 */
package io.jdissect.index;
