package io.bgplet.config.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI v3 constraints of one CRD field, written once on the record component. The
 * {@link Binder} enforces them when reading objects and the {@link CrdGenerator} writes them
 * into {@code k8s/crds}: one source of truth for what the API server and bgplet accept.
 * For a {@code List<String>}, the string constraints apply to the items.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Field {
    /** Sentinel for "no bound". */
    long UNSET = Long.MIN_VALUE;

    String description() default "";

    /** JSON name when it differs from the component name (a Java keyword such as {@code interface}). */
    String json() default "";

    boolean required() default false;

    long min() default UNSET;

    long max() default UNSET;

    int minLength() default -1;

    int maxLength() default -1;

    /** ECMA-262 pattern, searched (not matched) as the API server does: anchor it. */
    String pattern() default "";

    /** Allowed values. */
    String[] enumValues() default {};

    /** Allowed values in v2alpha1 when they differ from {@link #enumValues()}. */
    String[] enumV2alpha1() default {};

    /** Default applied when absent, as YAML scalar text. */
    String defaultValue() default "";

    /** OpenAPI format: int32, int64, ipv4, date-time. */
    String format() default "";

    int minItems() default -1;

    int maxItems() default -1;

    /** x-kubernetes-list-type: map with these keys. */
    String[] listMapKeys() default {};

    /** Constraints on map values (label values). */
    int valueMaxLength() default -1;

    String valuePattern() default "";

    /** API versions that have this field. */
    String[] versions() default {"v2", "v2alpha1"};

    boolean deprecated() default false;
}
