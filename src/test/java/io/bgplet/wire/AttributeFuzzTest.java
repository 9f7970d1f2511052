package io.bgplet.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** One target per row of the attribute table: the value is fuzzed, flags and framing are right. */
class AttributeFuzzTest {
    @FuzzTest void origin(byte[] v) { FuzzInvariants.attribute(Attribute.ORIGIN, v); }
    @FuzzTest void asPath(byte[] v) { FuzzInvariants.attribute(Attribute.AS_PATH, v); }
    @FuzzTest void nextHop(byte[] v) { FuzzInvariants.attribute(Attribute.NEXT_HOP, v); }
    @FuzzTest void med(byte[] v) { FuzzInvariants.attribute(Attribute.MULTI_EXIT_DISC, v); }
    @FuzzTest void localPref(byte[] v) { FuzzInvariants.attribute(Attribute.LOCAL_PREF, v); }
    @FuzzTest void atomicAggregate(byte[] v) { FuzzInvariants.attribute(Attribute.ATOMIC_AGGREGATE, v); }
    @FuzzTest void aggregator(byte[] v) { FuzzInvariants.attribute(Attribute.AGGREGATOR, v); }
    @FuzzTest void communities(byte[] v) { FuzzInvariants.attribute(Attribute.COMMUNITIES, v); }
    @FuzzTest void originatorId(byte[] v) { FuzzInvariants.attribute(Attribute.ORIGINATOR_ID, v); }
    @FuzzTest void clusterList(byte[] v) { FuzzInvariants.attribute(Attribute.CLUSTER_LIST, v); }
    @FuzzTest void mpReach(byte[] v) { FuzzInvariants.attribute(Attribute.MP_REACH_NLRI, v); }
    @FuzzTest void mpUnreach(byte[] v) { FuzzInvariants.attribute(Attribute.MP_UNREACH_NLRI, v); }
    @FuzzTest void extendedCommunities(byte[] v) { FuzzInvariants.attribute(Attribute.EXTENDED_COMMUNITIES, v); }
    @FuzzTest void as4Path(byte[] v) { FuzzInvariants.attribute(Attribute.AS4_PATH, v); }
    @FuzzTest void as4Aggregator(byte[] v) { FuzzInvariants.attribute(Attribute.AS4_AGGREGATOR, v); }
    @FuzzTest void largeCommunity(byte[] v) { FuzzInvariants.attribute(Attribute.LARGE_COMMUNITY, v); }
    @FuzzTest void tunnelEncapsulation(byte[] v) { FuzzInvariants.attribute(AttributeTable.TUNNEL_ENCAPSULATION, v); }
    @FuzzTest void trafficEngineering(byte[] v) { FuzzInvariants.attribute(AttributeTable.TRAFFIC_ENGINEERING, v); }
    @FuzzTest void ipv6ExtendedCommunities(byte[] v) { FuzzInvariants.attribute(AttributeTable.IPV6_EXTENDED_COMMUNITIES, v); }
    @FuzzTest void onlyToCustomer(byte[] v) { FuzzInvariants.attribute(AttributeTable.ONLY_TO_CUSTOMER, v); }
    @FuzzTest void prefixSid(byte[] v) { FuzzInvariants.attribute(AttributeTable.PREFIX_SID, v); }
    @FuzzTest void attrSet(byte[] v) { FuzzInvariants.attribute(AttributeTable.ATTR_SET, v); }

    /** Any flags and type code: first two octets, then the value. */
    @FuzzTest
    void anyAttribute(byte[] v) {
        if (v.length < 2) return;
        byte[] value = java.util.Arrays.copyOfRange(v, 2, v.length);
        FuzzInvariants.check(FuzzInvariants.updateWith(v[0] & 0xFF, v[1] & 0xFF, value));
    }
}
