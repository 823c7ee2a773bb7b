package io.jdissect.api;

/**
 * A conversation the capture index knows: its tcp.stream, how many packets it has, and the frame it starts at.
 * What a distributed front end plans its splits from, before any of them is read.
 */
public record IndexedConversation(long stream, long packets, long firstFrame) { }
