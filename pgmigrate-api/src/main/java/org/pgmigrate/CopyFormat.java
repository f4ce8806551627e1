package org.pgmigrate;

/** The COPY format rows travel in between the servers. */
public enum CopyFormat {
    /**
     * Binary where the target runs the source's major version or a newer one and every column's
     * type can travel in binary (built-in types but the reg* ones, enums and domains over them);
     * text otherwise.
     */
    AUTO,
    /** Always text: works between any majors. */
    TEXT,
    /** Always binary: fails on types whose binary form names OIDs that differ between servers. */
    BINARY
}
