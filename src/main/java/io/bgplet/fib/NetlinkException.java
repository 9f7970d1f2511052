package io.bgplet.fib;

import java.io.IOException;

/**
 * The kernel refused a request (NLMSG_ERROR with a negative error code) or a socket call
 * failed. Carries the errno and, when the kernel sent one (NETLINK_EXT_ACK), its own
 * explanation, e.g. {@code ENETUNREACH (Nexthop has invalid gateway)}.
 */
public final class NetlinkException extends IOException {
    private final Errno errno;
    private final String kernelMessage;

    public NetlinkException(String operation, Errno errno, String kernelMessage) {
        super(operation + ": " + errno.name() + (kernelMessage == null || kernelMessage.isEmpty() ? "" : " (" + kernelMessage + ")"));
        this.errno = errno;
        this.kernelMessage = kernelMessage;
    }

    public Errno errno() {
        return errno;
    }

    /** The extended ACK message, or null. */
    public String kernelMessage() {
        return kernelMessage;
    }
}
