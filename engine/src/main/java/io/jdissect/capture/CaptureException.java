package io.jdissect.capture;

import java.io.IOException;

/** A capture file that cannot be read (further): names the file, the byte offset and what was expected. */
public final class CaptureException extends IOException {
    private final String file;
    private final long offset;

    public CaptureException(String file, long offset, String message) {
        super(file + ": at byte offset " + offset + ": " + message);
        this.file = file;
        this.offset = offset;
    }

    public CaptureException(String file, long offset, String message, Throwable cause) {
        this(file, offset, message);
        initCause(cause);
    }

    public String file() { return file; }

    public long offset() { return offset; }
}
