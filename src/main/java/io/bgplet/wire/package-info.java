/**
 * BGP-4 on the wire: messages, capabilities, path attributes, NLRI and their codec.
 *
 * <p>Pure: plain Java records in and out. {@code ByteBuf} is used inside the codec only and
 * never appears in a domain type. Nothing here knows of channels, CDI, sessions or RIBs.
 */
package io.bgplet.wire;
