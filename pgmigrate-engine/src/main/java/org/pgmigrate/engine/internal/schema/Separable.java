package org.pgmigrate.engine.internal.schema;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An object whose definition has parts that can be created after it, as pg_dump splits them off
 * to break a dependency loop or to wait for something created after the data: a table's CHECK
 * constraints and column defaults, a domain's CHECK constraints, a view's query (the view is then
 * first created with a query that only gives its columns' names and types).
 *
 * @param parts each part by its identity in pg_depend (the constraint, the pg_attrdef row, the
 *              view's {@code _RETURN} rule), as the object that creates it on its own
 * @param render the object's statements without the parts given
 */
record Separable(Map<ObjectRef, SchemaObject> parts, Function<Set<ObjectRef>, List<String>> render) {
    Separable {
        parts = Map.copyOf(parts);
    }

    /** The object's statements with the {@code separated} parts left out. */
    List<String> without(Set<ObjectRef> separated) {
        return render.apply(separated);
    }
}
