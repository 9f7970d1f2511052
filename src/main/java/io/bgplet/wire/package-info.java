/**
 * BGP-4 on the wire: messages, capabilities, path attributes, NLRI and their codec.
 *
 * <p>The model is plain Java records ({@link io.bgplet.wire.Message} and its five kinds,
 * {@link io.bgplet.wire.Attribute}, {@link io.bgplet.wire.Capability},
 * {@link io.bgplet.wire.Prefix}). {@link io.bgplet.wire.MessageCodec} is the facade: it
 * frames ({@code frameLength}), decodes and encodes whole messages; {@code Header},
 * {@code OpenCodec}, {@code CapabilityCodec}, {@code UpdateDecoder}, {@code UpdateEncoder},
 * {@code NlriCodec}, {@code MpCodec}, {@code AsPathCodec} and the one
 * {@code AttributeTable} do the work. {@link io.bgplet.wire.UpdatePacker} packs prefixes
 * sharing attributes into UPDATEs for export. Decoding errors are values
 * ({@link io.bgplet.wire.DecodeResult}) with the RFC 7606 action and the NOTIFICATION to send.
 *
 * <p>May not: import any other bgplet layer, Quarkus, CDI, gRPC, fabric8 or
 * {@code io.netty.channel}. {@code ByteBuf} is used inside the codec only and never appears in
 * a domain type; the codec never releases a buffer it did not allocate.
 */
package io.bgplet.wire;
