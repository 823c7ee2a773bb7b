package io.jdissect.dissectors.http.model;

/** The first line of an HTTP/1.x message. A line that is neither never becomes a message (it is an anomaly). */
public sealed interface StartLine permits RequestLine, StatusLine {
    String version();
}
