package io.bgplet.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A reader for the subset of proto3 text that GoBGP's API files use: package, imports,
 * options, messages (nested), enums, fields with labels, oneofs, maps, reserved ranges and
 * services with streaming markers. Enough to compare those files with bgplet's compiled
 * descriptors without a protoc binary; anything outside the subset is an error, not a
 * silent skip, so the contract test cannot pass by ignoring a construct.
 */
final class ProtoText {

    static final Set<String> SCALARS = Set.of("double", "float", "int32", "int64", "uint32",
            "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool",
            "string", "bytes");

    enum Label { SINGULAR, OPTIONAL, REPEATED }

    /** typeName is as written (unresolved); for a map field it is null and key/value are set. */
    record Field(String name, int number, Label label, String typeName, String mapKey,
                 String mapValue, String oneof) {
        boolean isMap() {
            return mapKey != null;
        }
    }

    /** Field types inside a message resolve from its full name outwards. */
    record Message(String fullName, List<Field> fields) {}

    record EnumType(String fullName, Map<String, Integer> values) {}

    record Rpc(String name, String input, boolean clientStreaming, String output,
               boolean serverStreaming) {}

    /** scope: the package, where rpc argument types resolve from. */
    record Service(String fullName, String scope, List<Rpc> rpcs) {}

    record File(String name, String pkg, List<String> imports, Map<String, Message> messages,
                Map<String, EnumType> enums, Map<String, Service> services) {}

    private final List<String> tokens;
    private int pos;
    private final String fileName;

    private ProtoText(String fileName, String text) {
        this.fileName = fileName;
        this.tokens = tokenize(text);
    }

    static File parse(String fileName, String text) {
        return new ProtoText(fileName, text).file();
    }

    private File file() {
        String pkg = "";
        List<String> imports = new ArrayList<>();
        Map<String, Message> messages = new LinkedHashMap<>();
        Map<String, EnumType> enums = new LinkedHashMap<>();
        Map<String, Service> services = new LinkedHashMap<>();
        while (pos < tokens.size()) {
            String t = next();
            switch (t) {
                case "syntax" -> {
                    expect("=");
                    String s = next();
                    if (!s.equals("\"proto3\"")) {
                        throw error("only proto3 is supported, got " + s);
                    }
                    expect(";");
                }
                case "package" -> {
                    pkg = next();
                    expect(";");
                }
                case "import" -> {
                    String s = next();
                    if (s.equals("public") || s.equals("weak")) {
                        s = next();
                    }
                    imports.add(unquote(s));
                    expect(";");
                }
                case "option" -> skipOption();
                case "message" -> message(pkg, messages, enums);
                case "enum" -> enumType(pkg, enums);
                case "service" -> service(pkg, services);
                case ";" -> { }
                default -> throw error("unexpected top-level token " + t);
            }
        }
        return new File(fileName, pkg, List.copyOf(imports), messages, enums, services);
    }

    private void message(String scope, Map<String, Message> messages,
                         Map<String, EnumType> enums) {
        String fullName = qualify(scope, next());
        expect("{");
        List<Field> fields = new ArrayList<>();
        while (!peek().equals("}")) {
            String t = peek();
            switch (t) {
                case "message" -> {
                    next();
                    message(fullName, messages, enums);
                }
                case "enum" -> {
                    next();
                    enumType(fullName, enums);
                }
                case "oneof" -> {
                    next();
                    String oneof = next();
                    expect("{");
                    while (!peek().equals("}")) {
                        if (peek().equals("option")) {
                            next();
                            skipOption();
                        } else {
                            fields.add(field(oneof));
                        }
                    }
                    expect("}");
                }
                case "option" -> {
                    next();
                    skipOption();
                }
                case "reserved", "extensions" -> skipStatement();
                case ";" -> next();
                default -> fields.add(field(null));
            }
        }
        expect("}");
        messages.put(fullName, new Message(fullName, List.copyOf(fields)));
    }

    private Field field(String oneof) {
        Label label = Label.SINGULAR;
        String t = next();
        if (t.equals("repeated")) {
            label = Label.REPEATED;
            t = next();
        } else if (t.equals("optional")) {
            label = Label.OPTIONAL;
            t = next();
        } else if (t.equals("required")) {
            throw error("proto2 'required' is outside the supported subset");
        }
        String key = null;
        String value = null;
        String type = t;
        if (t.equals("map")) {
            expect("<");
            key = next();
            expect(",");
            value = next();
            expect(">");
            type = null;
            label = Label.REPEATED;
        }
        String name = next();
        expect("=");
        int number = number(next());
        if (peek().equals("[")) {
            skipBracketed("[", "]");
        }
        expect(";");
        return new Field(name, number, label, type, key, value, oneof);
    }

    private void enumType(String scope, Map<String, EnumType> enums) {
        String fullName = qualify(scope, next());
        expect("{");
        Map<String, Integer> values = new LinkedHashMap<>();
        while (!peek().equals("}")) {
            String t = next();
            switch (t) {
                case "option" -> skipOption();
                case "reserved" -> {
                    pos--;
                    skipStatement();
                }
                case ";" -> { }
                default -> {
                    expect("=");
                    String n = next();
                    int v = n.equals("-") ? -number(next()) : number(n);
                    if (peek().equals("[")) {
                        skipBracketed("[", "]");
                    }
                    expect(";");
                    if (values.put(t, v) != null) {
                        throw error("duplicate enum value " + t);
                    }
                }
            }
        }
        expect("}");
        enums.put(fullName, new EnumType(fullName, values));
    }

    private void service(String scope, Map<String, Service> services) {
        String fullName = qualify(scope, next());
        expect("{");
        List<Rpc> rpcs = new ArrayList<>();
        while (!peek().equals("}")) {
            String t = next();
            switch (t) {
                case "option" -> skipOption();
                case ";" -> { }
                case "rpc" -> {
                    String name = next();
                    expect("(");
                    boolean clientStream = peek().equals("stream") && !tokens.get(pos + 1).equals(")");
                    if (clientStream) {
                        next();
                    }
                    String input = next();
                    expect(")");
                    expect("returns");
                    expect("(");
                    boolean serverStream = peek().equals("stream") && !tokens.get(pos + 1).equals(")");
                    if (serverStream) {
                        next();
                    }
                    String output = next();
                    expect(")");
                    if (peek().equals("{")) {
                        skipBracketed("{", "}");
                    } else {
                        expect(";");
                    }
                    rpcs.add(new Rpc(name, input, clientStream, output, serverStream));
                }
                default -> throw error("unexpected token in service: " + t);
            }
        }
        expect("}");
        services.put(fullName, new Service(fullName, scope, List.copyOf(rpcs)));
    }

    private void skipOption() {
        while (!next().equals(";")) {
            if (peek().equals("{")) {
                skipBracketed("{", "}");
            }
        }
    }

    private void skipStatement() {
        while (!next().equals(";")) {
            // reserved 2, 15, 9 to 11; reserved "foo";
        }
    }

    private void skipBracketed(String open, String close) {
        expect(open);
        int depth = 1;
        while (depth > 0) {
            String t = next();
            if (t.equals(open)) {
                depth++;
            } else if (t.equals(close)) {
                depth--;
            }
        }
    }

    private String peek() {
        if (pos >= tokens.size()) {
            throw error("unexpected end of file");
        }
        return tokens.get(pos);
    }

    private String next() {
        String t = peek();
        pos++;
        return t;
    }

    private void expect(String want) {
        String got = next();
        if (!got.equals(want)) {
            throw error("expected '" + want + "' but found '" + got + "'");
        }
    }

    private int number(String t) {
        try {
            return t.startsWith("0x") || t.startsWith("0X")
                    ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw error("expected a number but found '" + t + "'");
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(fileName + ": " + what + " (token " + pos + ")");
    }

    private static String qualify(String scope, String name) {
        return scope.isEmpty() ? name : scope + "." + name;
    }

    private static String unquote(String s) {
        if (s.length() < 2 || !(s.startsWith("\"") || s.startsWith("'"))) {
            throw new IllegalArgumentException("expected a string literal, got " + s);
        }
        return s.substring(1, s.length() - 1);
    }

    /** Splits into identifiers (dots included), numbers, string literals and symbols. */
    static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated block comment");
                }
                i = end + 2;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && text.charAt(j) != c) {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                if (j >= n) {
                    throw new IllegalArgumentException("unterminated string literal");
                }
                out.add(text.substring(i, j + 1));
                i = j + 1;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(text.charAt(j))
                        || text.charAt(j) == '_' || text.charAt(j) == '.')) {
                    j++;
                }
                out.add(text.substring(i, j));
                i = j;
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }
}
