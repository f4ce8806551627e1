package org.pgmigrate;

/** The COPY format rows travel in between the servers. */
public enum CopyFormat {
    /**
     * Binary where both servers run the same major version and every column's type can travel
     * in binary (built-in types, enums and domains over them); text otherwise.
     */
    AUTO,
    /** Always text: works between any majors. */
    TEXT,
    /** Always binary: fails on types whose binary form names OIDs that differ between servers. */
    BINARY
}
