package io.bgplet.bench;

import java.util.HashMap;
import java.util.Map;

/** "--name value" and "--flag" command-line options. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            String name = args[i].substring(2);
            int eq = name.indexOf('=');
            if (eq >= 0) values.put(name.substring(0, eq), name.substring(eq + 1));
            else if (i + 1 < args.length && !args[i + 1].startsWith("--")) values.put(name, args[++i]);
            else values.put(name, "true");
        }
    }

    String get(String name, String def) {
        return values.getOrDefault(name, def);
    }

    String need(String name) {
        String v = values.get(name);
        if (v == null) throw new IllegalArgumentException("missing --" + name);
        return v;
    }

    int integer(String name, int def) {
        return Integer.parseInt(get(name, Integer.toString(def)).replace("_", "").replace("k", "000").replace("M", "000000"));
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(get(name, "false"));
    }
}
