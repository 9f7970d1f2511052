/**
 * One source of truth for the CRDs: the {@link io.bgplet.config.schema.Field} and
 * {@link io.bgplet.config.schema.Rule} annotations on the model, enforced by the
 * {@link io.bgplet.config.schema.Binder} when reading objects and written into
 * {@code k8s/crds} by the {@link io.bgplet.config.schema.CrdGenerator}. Knows nothing of
 * BGP or of the model's meaning; Jackson trees only.
 */
package io.bgplet.config.schema;
