package io.bgplet.config.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names of a cluster-scoped cilium.io kind, for the generated CustomResourceDefinition. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Crd {
    String kind();

    String plural();

    String singular();

    String shortName();

    boolean status();

    String description() default "";
}
