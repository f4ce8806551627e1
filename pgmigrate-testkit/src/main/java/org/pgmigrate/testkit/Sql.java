package org.pgmigrate.testkit;

/** Identifier quoting for the testkit's own SQL. */
final class Sql {
    private Sql() {}

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
