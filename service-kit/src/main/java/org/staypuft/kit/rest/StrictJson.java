package org.staypuft.kit.rest;

import java.io.IOException;

import jakarta.inject.Singleton;

import org.staypuft.kit.problem.InputText;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * The one input rule for JSON request bodies bound by the REST layer, in every service:
 * <ul>
 * <li>unknown properties are refused (a typo is an error, not a silently ignored field);</li>
 * <li>numbers are numbers: {@code 1.5} for an integer, {@code "3"} for a number, a number for a boolean or a text
 * field are refused;</li>
 * <li>strings and object keys hold no NUL or control character ({@link InputText});</li>
 * <li>trailing content after the value is refused.</li>
 * </ul>
 * Each refusal is a Jackson exception that the kit's {@link ProblemMappers} answers with 400 naming the field.
 * Events are read with the events module's own mapper (unknown properties ignored), which this does not touch.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Last, after Quarkus applied {@code quarkus.jackson.*}: these rules are not optional. */
    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    /** The rules, for a mapper outside Quarkus (a service reading a JSON body itself). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        return apply(mapper, false);
    }

    /**
     * The rules; with {@code scalarsAsText} a number or boolean where text belongs is read as its text, as YAML
     * writers expect ({@code port: 5432} for a string parameter). JSON has quotes for that.
     */
    public static ObjectMapper apply(ObjectMapper mapper, boolean scalarsAsText) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        for (LogicalType type : new LogicalType[]{LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        SimpleModule text = new SimpleModule("staypuft-input-text");
        text.addDeserializer(String.class, new CheckedString(scalarsAsText));
        text.addKeyDeserializer(String.class, new CheckedKey());
        mapper.registerModule(text);
        return mapper;
    }

    /** Strings as Jackson reads them, refusing control characters. */
    static final class CheckedString extends StdScalarDeserializer<String> {

        private final boolean scalarsAsText;

        CheckedString(boolean scalarsAsText) {
            super(String.class);
            this.scalarsAsText = scalarsAsText;
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            boolean scalar = p.currentToken() != null && p.currentToken().isScalarValue()
                    && !p.hasToken(JsonToken.VALUE_NULL) && !p.hasToken(JsonToken.VALUE_EMBEDDED_OBJECT);
            if (!p.hasToken(JsonToken.VALUE_STRING) && !(scalarsAsText && scalar)) {
                // A number, boolean, object or array where text belongs: a wrong type, not text to coerce.
                return (String) ctxt.handleUnexpectedToken(String.class, p);
            }
            String value = p.getText();
            int refused = InputText.refusedInValue(value);
            if (refused >= 0) {
                throw InvalidFormatException.from(p, String.format("U+%04X", refused), value, String.class);
            }
            return value;
        }

        @Override
        public LogicalType logicalType() {
            return LogicalType.Textual;
        }
    }

    /** Map keys, refusing control characters. */
    static final class CheckedKey extends KeyDeserializer {

        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            int refused = InputText.refusedInName(key);
            if (refused >= 0) {
                throw InvalidFormatException.from(ctxt.getParser(), String.format("U+%04X", refused), key,
                        String.class);
            }
            return key;
        }
    }
}
