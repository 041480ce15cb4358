package io.neonclient.admin;

import java.util.Objects;

/**
 * One step of a recipe's plan, printable before anything is sent.
 *
 * @param id          stable name used by the {@link Journal}, e.g. {@code detach}
 * @param description what the step does and the call it sends, e.g.
 *                    {@code Detach tenant 5187… (PUT /control/v1/tenant/{tenant_id}/policy "Detached")}
 */
public record Step(String id, String description) {

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
        if (!id.matches("[a-z0-9][a-z0-9_.:-]*")) {
            throw new IllegalArgumentException("Step id must be lower-case letters, digits and _.:-, got '" + id + "'");
        }
    }

    @Override
    public String toString() {
        return id + ": " + description;
    }
}
