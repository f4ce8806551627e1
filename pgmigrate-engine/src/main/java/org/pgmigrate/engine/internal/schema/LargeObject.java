package org.pgmigrate.engine.internal.schema;

import java.util.List;

/** A large object with the statements that restore its owner, privileges and comment. */
public record LargeObject(long oid, List<String> metadataStatements) {
    public LargeObject {
        metadataStatements = List.copyOf(metadataStatements);
    }
}
