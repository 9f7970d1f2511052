package io.bgplet.fib;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of kernel route programming, framework-free: the app layer exports them
 * (installed routes as a gauge, kernel errors by errno, refusals and unresolved next hops
 * as counters).
 */
public final class FibMetrics {
    private final AtomicLong installed = new AtomicLong();
    private final Map<String, LongAdder> kernelErrors = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final LongAdder unresolved = new LongAdder();

    /** Routes bgplet has in the kernel now. */
    public long installed() {
        return installed.get();
    }

    void installed(long n) {
        installed.set(n);
    }

    /** Kernel errors since start, by errno name ({@code ENETUNREACH}). */
    public Map<String, Long> kernelErrors() {
        Map<String, Long> out = new TreeMap<>();
        kernelErrors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long kernelErrorTotal() {
        long n = 0;
        for (LongAdder a : kernelErrors.values()) n += a.sum();
        return n;
    }

    void kernelError(Errno errno) {
        kernelErrors.computeIfAbsent(errno.name(), k -> new LongAdder()).increment();
    }

    /** Prefixes not installed because of the safety rules or the prefix filters. */
    public long refused() {
        return refused.sum();
    }

    void refused(int n) {
        refused.add(n);
    }

    /** Routes left out of the kernel because no next hop resolved. */
    public long unresolved() {
        return unresolved.sum();
    }

    void unresolved(int n) {
        unresolved.add(n);
    }
}
