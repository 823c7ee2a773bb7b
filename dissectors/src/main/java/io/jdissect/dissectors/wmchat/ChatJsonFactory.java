package io.jdissect.dissectors.wmchat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.ByteSourceJsonBootstrapper;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

import java.io.IOException;

/**
 * Jackson's factory with a bounded table of field names. Canonicalising names is what selects Jackson's fast
 * UTF-8 byte parser (without it Jackson decodes through a Reader), but nested objects (client lists) are keyed by
 * client ids, an unbounded set: a table shared for good grows with every new id, and each message bringing one
 * copies the whole table. So each thread parses against its own table, replaced by an empty one once it learned
 * {@link #MAX_NAMES} names: the few top-level keys are relearned at once, and the copies stay small. Rebuilding a
 * whole factory instead (as after every nested message before) cost far more.
 */
final class ChatJsonFactory extends JsonFactory {
    /** Top-level keys of both protocol generations are a few dozen; the rest are client ids. */
    static final int MAX_NAMES = 64;

    private static final ThreadLocal<ByteQuadsCanonicalizer[]> ROOT = ThreadLocal.withInitial(() -> new ByteQuadsCanonicalizer[1]);

    ChatJsonFactory(JsonFactoryBuilder builder) { super(builder); }

    /** What {@link JsonFactory} does for an array region, with this thread's table in place of the factory's. */
    @Override
    protected JsonParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
        ByteQuadsCanonicalizer[] root = ROOT.get();
        if (root[0] == null || root[0].size() > MAX_NAMES) root[0] = ByteQuadsCanonicalizer.createRoot();
        return new ByteSourceJsonBootstrapper(ctxt, data, offset, len)
                .constructParser(_parserFeatures, _objectCodec, root[0], _rootCharSymbols, _factoryFeatures);
    }
}
