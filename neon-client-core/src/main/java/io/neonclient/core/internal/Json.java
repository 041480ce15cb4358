package io.neonclient.core.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.neonclient.core.Generation;
import io.neonclient.core.Lsn;
import io.neonclient.core.NodeId;
import io.neonclient.core.ShardIndex;
import io.neonclient.core.StripeSize;
import io.neonclient.core.TenantId;
import io.neonclient.core.TenantShardId;
import io.neonclient.core.TimelineId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The one configured Jackson mapper, internal so that Jackson never appears in a public signature: snake_case
 * names, unknown fields ignored (upstream adds fields often), unknown enum constants read as the enum's {@code @JsonEnumDefaultValue}, Java time as
 * RFC 3339 strings, absent Optionals and null properties omitted from requests (serde reads a missing
 * {@code Option} as None) while null map values are kept (a tenant-config PATCH uses them to remove overrides).
 * Maps keyed by an id ({@code Map<NodeId, …>}) read back their keys, which are written in the id's text form.
 */
public final class Json {
    private Json() {}

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_ABSENT, JsonInclude.Include.ALWAYS))
            .addModule(new JavaTimeModule())
            .addModule(new Jdk8Module())
            .addModule(idKeys())
            .addModule(values())
            .build();

    private static SimpleModule idKeys() {
        SimpleModule ids = new SimpleModule("neon-client-id-keys");
        key(ids, NodeId.class, NodeId::parse);
        key(ids, TenantId.class, TenantId::parse);
        key(ids, TenantShardId.class, TenantShardId::parse);
        key(ids, TimelineId.class, TimelineId::parse);
        return ids;
    }

    /**
     * Reads the value types the wire is full of (a describe of a 2-shard tenant holds eight) with plain calls to their
     * parsers. Their {@code @JsonCreator} factories say the same to any other mapper, but Jackson calls a creator
     * reflectively through {@code StdValueInstantiator}: profiled in describe calls on loopback, decoding took about a
     * sixth less CPU without it. Accepted tokens are what upstream's serde accepts: a JSON string for the textual
     * ids and LSNs, an integer for node ids, stripe sizes and generations (the creators also took {@code "7"} for a node
     * id); JSON null stays null.
     */
    private static SimpleModule values() {
        SimpleModule values = new SimpleModule("neon-client-values");
        text(values, TenantId.class, TenantId::parse);
        text(values, TimelineId.class, TimelineId::parse);
        text(values, TenantShardId.class, TenantShardId::parse);
        text(values, ShardIndex.class, ShardIndex::parse);
        text(values, Lsn.class, Lsn::parse);
        integer(values, NodeId.class, NodeId::of);
        integer(values, StripeSize.class, StripeSize::ofPages);
        integer(values, Generation.class, Generation::of);
        return values;
    }

    private static <T> void text(SimpleModule module, Class<T> type, Function<String, T> parse) {
        scalar(module, type, JsonToken.VALUE_STRING, p -> parse.apply(p.getText()));
    }

    private static <T> void integer(SimpleModule module, Class<T> type, LongFunction<T> of) {
        scalar(module, type, JsonToken.VALUE_NUMBER_INT, p -> of.apply(p.getLongValue()));
    }

    /** Reads the current token's value; called only when the token is of the kind the type takes. */
    @FunctionalInterface
    private interface TokenValue<T> {
        T read(JsonParser p) throws IOException;
    }

    /** A deserializer that reads {@code type} from a token of kind {@code token} only; any other token is refused, naming the field. */
    private static <T> void scalar(SimpleModule module, Class<T> type, JsonToken token, TokenValue<T> value) {
        module.addDeserializer(type, new StdScalarDeserializer<T>(type) {
            @Override
            public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
                if (p.hasToken(token)) {
                    return value.read(p);
                }
                @SuppressWarnings("unchecked") // handleUnexpectedToken returns a value of the type asked for, or throws
                T other = (T) context.handleUnexpectedToken(type, p);
                return other;
            }
        });
    }

    private static <T> void key(SimpleModule module, Class<T> type, Function<String, T> parse) {
        module.addKeyDeserializer(type, new KeyDeserializer() {
            @Override
            public Object deserializeKey(String key, DeserializationContext context) {
                return parse.apply(key);
            }
        });
    }

    /** Reads a response body; an empty body or the text {@code null} gives null. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(byte[] body) throws IOException;
    }

    /** One {@link Reader} (on one {@link ObjectReader}) per type read, made on first use: the clients ask for one on every call. */
    private static final ClassValue<Reader<?>> READERS = new ClassValue<>() {
        @Override
        protected Reader<?> computeValue(Class<?> type) {
            ObjectReader r = MAPPER.readerFor(type);
            return body -> body.length == 0 ? null : r.readValue(body);
        }
    };

    @SuppressWarnings("unchecked") // READERS maps each type to a reader of that type
    public static <T> Reader<T> reader(Class<T> type) {
        return (Reader<T>) READERS.get(type);
    }

    public static <T> Reader<T> reader(TypeReference<T> type) {
        ObjectReader r = MAPPER.readerFor(type);
        return body -> body.length == 0 ? null : r.readValue(body);
    }

    /** Ignores the body (for calls whose success answer is {@code null}, {@code {}} or empty). */
    public static Reader<Void> discard() {
        return body -> null;
    }

    public static byte[] encode(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String encodeToString(Object value) {
        return new String(encode(value), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static <T> T decode(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    public static <T> T decode(String json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    public static JsonNode tree(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T convert(Object value, Class<T> type) {
        return MAPPER.convertValue(value, type);
    }

    /** A readable account of a decoding failure that names the JSON field, e.g. {@code shards[0].node_attached: …}. */
    public static String describe(IOException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!path.isEmpty()) {
                        path.append('.');
                    }
                    path.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return "field '" + path + "': " + rootMessage(m);
        }
        if (e instanceof JsonProcessingException p) {
            return p.getOriginalMessage();
        }
        return String.valueOf(e.getMessage());
    }

    private static String rootMessage(JsonMappingException m) {
        Throwable root = m;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root instanceof JsonProcessingException p ? p.getOriginalMessage() : root.getMessage();
        int nl = text == null ? -1 : text.indexOf('\n');
        return nl < 0 ? String.valueOf(text) : text.substring(0, nl);
    }
}
