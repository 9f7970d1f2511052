package io.bgplet.config.model;

import io.bgplet.config.schema.Field;

/** A metav1.Condition, as the operator and agent write them into status. */
public record Condition(
        @Field(description = "type of condition in CamelCase or in foo.example.com/CamelCase.", required = true, maxLength = 316,
                pattern = "^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])$")
        String type,
        @Field(description = "status of the condition, one of True, False, Unknown.", required = true, enumValues = {"True", "False", "Unknown"})
        String status,
        @Field(description = "observedGeneration represents the .metadata.generation that the condition was set based upon.", min = 0, format = "int64")
        Long observedGeneration,
        @Field(description = "lastTransitionTime is the last time the condition transitioned from one status to another.", required = true, format = "date-time")
        String lastTransitionTime,
        @Field(description = "reason contains a programmatic identifier indicating the reason for the condition's last transition.", required = true,
                minLength = 1, maxLength = 1024, pattern = "^[A-Za-z]([A-Za-z0-9_,:]*[A-Za-z0-9_])?$")
        String reason,
        @Field(description = "message is a human readable message indicating details about the transition.", required = true, maxLength = 32768)
        String message) {
}
