package io.jdissect.dissectors.http.model;

/** One header as sent; {@code name} keeps its case. */
public record Header(String name, String value) { }
