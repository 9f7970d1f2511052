package io.bgplet.config.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A CEL rule ({@code x-kubernetes-validations}) of the CRD. CEL is not evaluated in Java:
 * the annotated record implements {@link Checked} with the same rule in Java, and a test
 * keeps the two together (every rule message must be one {@link Checked} can return).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Rule.List.class)
public @interface Rule {
    String rule();

    String message();

    String[] versions() default {"v2", "v2alpha1"};

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface List {
        Rule[] value();
    }
}
