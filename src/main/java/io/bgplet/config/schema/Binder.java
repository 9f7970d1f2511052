package io.bgplet.config.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Reads a JSON/YAML tree into the model records, enforcing each component's {@link Field}
 * constraints and each record's {@link Checked} rules the way the API server would, and
 * collecting every violation with its field path instead of stopping at the first.
 * Defaults are applied as the API server applies them (only inside objects that exist).
 * Fields unknown to the version are ignored, as the API server prunes them.
 */
public final class Binder {

    /** One violation: the field path (e.g. {@code spec.timers.holdTimeSeconds}) and what is wrong. */
    public record Violation(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private final String version;
    private final List<Violation> violations = new ArrayList<>();

    public Binder(String version) {
        this.version = version;
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }

    /** Binds node (an object) to the record type; null when absent. */
    public <T extends Record> T bind(JsonNode node, Class<T> type, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) return null;
        return type.cast(bindRecord(node, type, path));
    }

    private Object bindRecord(JsonNode node, Class<?> type, String path) {
        if (!node.isObject()) {
            fail(path, "must be an object, got " + kindOf(node));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        int before = violations.size();
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            Field f = c.getAnnotation(Field.class);
            String name = jsonName(c);
            if (f != null && !Arrays.asList(f.versions()).contains(version)) {
                args[i] = absent(c.getType());
                continue;
            }
            String childPath = path.isEmpty() ? name : path + "." + name;
            JsonNode child = node.get(name);
            if (child == null || child.isNull()) {
                if (f != null && f.required()) fail(childPath, "Required value");
                args[i] = f != null && !f.defaultValue().isEmpty() ? parseDefault(f.defaultValue(), c.getType()) : absent(c.getType());
                continue;
            }
            args[i] = bindValue(child, c.getGenericType(), f, childPath);
        }
        if (violations.size() > before) return null;
        Object value = construct(type, components, args, path);
        if (value instanceof Checked checked) {
            for (String m : checked.violations(version)) fail(path.isEmpty() ? "<root>" : path, m);
        }
        return value;
    }

    private Object bindValue(JsonNode node, Type type, Field f, String path) {
        Class<?> raw = rawClass(type);
        if (raw == String.class) return bindString(node, f, path);
        if (raw == Long.class || raw == long.class) return bindInteger(node, f, path, Long.MIN_VALUE, Long.MAX_VALUE);
        if (raw == Integer.class || raw == int.class) {
            Long v = bindInteger(node, f, path, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return v == null ? null : v.intValue();
        }
        if (raw == Boolean.class || raw == boolean.class) {
            if (!node.isBoolean()) return fail(path, "must be a boolean, got " + kindOf(node));
            return node.booleanValue();
        }
        if (raw == List.class) return bindList(node, ((ParameterizedType) type).getActualTypeArguments()[0], f, path);
        if (raw == Map.class) return bindStringMap(node, f, path);
        if (raw.isRecord()) return bindRecord(node, raw, path);
        throw new IllegalStateException("unsupported model type " + type + " at " + path);
    }

    private String bindString(JsonNode node, Field f, String path) {
        if (!node.isTextual()) return fail(path, "must be a string, got " + kindOf(node));
        String v = node.textValue();
        if (f == null) return v;
        if (f.minLength() >= 0 && v.length() < f.minLength()) return fail(path, "must have at least " + f.minLength() + " characters");
        if (f.maxLength() >= 0 && v.length() > f.maxLength()) return fail(path, "must have at most " + f.maxLength() + " characters");
        String[] allowed = enumFor(f, version);
        if (allowed.length > 0 && !Arrays.asList(allowed).contains(v)) {
            return fail(path, "must be one of " + String.join(", ", allowed) + ", got \"" + v + "\"");
        }
        if (!f.pattern().isEmpty() && !pattern(f.pattern()).matcher(v).find()) return fail(path, "invalid value \"" + v + "\"");
        if (f.format().equals("ipv4") && !pattern(Patterns.IPV4).matcher(v).find()) {
            return fail(path, "must be an IPv4 address, got \"" + v + "\"");
        }
        return v;
    }

    private Long bindInteger(JsonNode node, Field f, String path, long lo, long hi) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) return fail(path, "must be an integer, got " + kindOf(node));
        long v = node.longValue();
        long min = f != null && f.min() != Field.UNSET ? f.min() : lo;
        long max = f != null && f.max() != Field.UNSET ? f.max() : hi;
        if (v < min || v > max) {
            if (min == lo && max == hi) return fail(path, "out of range, got " + v);
            return fail(path, "must be " + min + ".." + max + ", got " + v);
        }
        return v;
    }

    private List<Object> bindList(JsonNode node, Type item, Field f, String path) {
        if (!node.isArray()) return fail(path, "must be a list, got " + kindOf(node));
        if (f != null && f.minItems() >= 0 && node.size() < f.minItems()) return fail(path, "must have at least " + f.minItems() + " items");
        if (f != null && f.maxItems() >= 0 && node.size() > f.maxItems()) return fail(path, "must have at most " + f.maxItems() + " items");
        List<Object> out = new ArrayList<>();
        Set<List<String>> keys = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode e = node.get(i);
            String p = path + "[" + i + "]";
            if (f != null && f.listMapKeys().length > 0 && e.isObject()) {
                List<String> key = new ArrayList<>();
                for (String k : f.listMapKeys()) key.add(e.path(k).asText());
                if (!keys.add(key)) {
                    fail(p, "Duplicate value: " + String.join(",", f.listMapKeys()) + "=" + String.join(",", key));
                    continue;
                }
            }
            out.add(bindValue(e, item, rawClass(item) == String.class ? f : null, p));
        }
        return out;
    }

    private Map<String, String> bindStringMap(JsonNode node, Field f, String path) {
        if (!node.isObject()) return fail(path, "must be an object, got " + kindOf(node));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String p = path + "[" + e.getKey() + "]";
            JsonNode v = e.getValue();
            if (!v.isTextual()) {
                fail(p, "must be a string, got " + kindOf(v));
                continue;
            }
            if (f != null && f.valueMaxLength() >= 0 && v.textValue().length() > f.valueMaxLength()) {
                fail(p, "must have at most " + f.valueMaxLength() + " characters");
                continue;
            }
            if (f != null && !f.valuePattern().isEmpty() && !pattern(f.valuePattern()).matcher(v.textValue()).find()) {
                fail(p, "invalid value \"" + v.textValue() + "\"");
                continue;
            }
            out.put(e.getKey(), v.textValue());
        }
        return out;
    }

    private Object construct(Class<?> type, RecordComponent[] components, Object[] args, String path) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<?> ctor = type.getDeclaredConstructor(types);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            return fail(path, String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("model record " + type.getName() + " cannot be constructed", e);
        }
    }

    /** JSON name of a component: {@link Field#json()} or the component name. */
    public static String jsonName(RecordComponent c) {
        Field f = c.getAnnotation(Field.class);
        return f != null && !f.json().isEmpty() ? f.json() : c.getName();
    }

    /** The enum values of f in the given version. */
    public static String[] enumFor(Field f, String version) {
        return version.equals("v2alpha1") && f.enumV2alpha1().length > 0 ? f.enumV2alpha1() : f.enumValues();
    }

    static Pattern pattern(String p) {
        return PATTERNS.computeIfAbsent(p, Pattern::compile);
    }

    static Object parseDefault(String text, Class<?> type) {
        if (type == Long.class || type == long.class) return Long.parseLong(text);
        if (type == Integer.class || type == int.class) return Integer.parseInt(text);
        if (type == Boolean.class || type == boolean.class) return Boolean.parseBoolean(text);
        return text;
    }

    private static Object absent(Class<?> type) {
        if (type == boolean.class) return false;
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        return null;
    }

    static Class<?> rawClass(Type t) {
        if (t instanceof Class<?> c) return c;
        if (t instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        throw new IllegalStateException("unsupported type " + t);
    }

    private static String kindOf(JsonNode n) {
        if (n.isTextual()) return "string \"" + n.textValue() + "\"";
        if (n.isNumber()) return "number " + n.asText();
        if (n.isBoolean()) return "boolean " + n.asText();
        if (n.isArray()) return "list";
        if (n.isObject()) return "object";
        return n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private <T> T fail(String path, String message) {
        violations.add(new Violation(path, message));
        return null;
    }
}
