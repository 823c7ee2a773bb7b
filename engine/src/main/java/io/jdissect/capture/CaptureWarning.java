package io.jdissect.capture;

/** A damaged part of a capture that the reader could step over (a bad block skipped by its length). */
public record CaptureWarning(long offset, String message) { }
