package org.pgmigrate.validation;

import java.util.List;
import java.util.Objects;
import org.pgmigrate.Finding;
import org.pgmigrate.Severity;

/** A convenient start for a rule: holds its id and category and builds its findings. */
public abstract class BaseRule implements Rule {
    private final String id;
    private final Category category;

    protected BaseRule(String id, Category category) {
        this.id = Objects.requireNonNull(id, "id");
        this.category = Objects.requireNonNull(category, "category");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final Category category() {
        return category;
    }

    protected final Finding succeeded(String message) {
        return Finding.succeeded(id, message);
    }

    protected final Finding warning(String message, String remediation, List<String> objects) {
        return Finding.warning(id, message, remediation, objects);
    }

    protected final Finding failed(String message, String remediation, List<String> objects) {
        return Finding.failed(id, message, remediation, objects);
    }

    protected final Finding finding(Severity severity, String message, String remediation, List<String> objects) {
        return Finding.builder().rule(id).severity(severity).message(message).remediation(remediation).objects(objects).build();
    }

    @Override
    public String toString() {
        return id;
    }
}
