package org.pgmigrate.validation.rules.versions;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pgmigrate.Finding;
import org.pgmigrate.validation.BaseRule;
import org.pgmigrate.validation.Category;
import org.pgmigrate.validation.RuleContext;
import org.pgmigrate.validation.Side;

/** The source runs PostgreSQL 11 or newer, the oldest major pgmigrate reads the catalogs of. */
public class VersionMinimumSourceRule extends BaseRule {
    private final int minimum;

    public VersionMinimumSourceRule() {
        this(110000);
    }

    /** A rule that asks for at least {@code minimum} ({@code server_version_num}), e.g. a site's own floor. */
    protected VersionMinimumSourceRule(int minimum) {
        super("version-minimum-source", Category.VERSIONS);
        this.minimum = minimum;
    }

    @Override
    public Set<Side> reads() {
        return EnumSet.of(Side.SOURCE);
    }

    @Override
    public List<Finding> check(RuleContext context) {
        int version = context.source().versionNumber();
        if (version < minimum) {
            return List.of(failed("The source (" + context.source().endpoint() + ") runs PostgreSQL " + major(version) + "; pgmigrate migrates from PostgreSQL "
                            + major(minimum) + " or newer.",
                    "Upgrade the source to PostgreSQL " + major(minimum) + " or newer first (pg_upgrade, or dump and restore).",
                    List.of(context.source().endpoint())));
        }
        return List.of(succeeded("The source runs PostgreSQL " + context.source().majorVersion() + ", which pgmigrate supports."));
    }

    /** 110022 as "11", 90624 as "9.6". */
    private static String major(int version) {
        return version >= 100000 ? String.valueOf(version / 10000) : version / 10000 + "." + version / 100 % 100;
    }
}
