/**
 * The model: one record per Cilium BGP kind (cilium.io/v2; v2alpha1 objects are read into the
 * same records, their v2alpha1-only fields kept but unused) with nested records for every
 * field, annotated with the CRD's constraints, plus minimal records for the built-in kinds
 * bgplet reads. Immutable values only; no behaviour beyond label matching and small derivations.
 */
package io.bgplet.config.model;
