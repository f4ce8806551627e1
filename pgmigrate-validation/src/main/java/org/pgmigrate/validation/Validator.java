package org.pgmigrate.validation;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.pgmigrate.Endpoint;
import org.pgmigrate.ErrorKind;
import org.pgmigrate.Finding;
import org.pgmigrate.MigrationRequest;
import org.pgmigrate.PgMigrateException;
import org.pgmigrate.Severity;
import org.pgmigrate.ValidationReport;
import org.pgmigrate.validation.internal.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the rules that apply to a migration against both servers and reports what they found.
 * Immutable and thread-safe; each {@link #validate} opens its own sessions and closes them.
 *
 * <pre>{@code
 * ValidationReport report = Validator.withDiscoveredRules().validate(request);
 * }</pre>
 */
public final class Validator {
    private static final Logger LOG = LoggerFactory.getLogger(Validator.class);
    private static final Pattern RULE_ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    private final List<Rule> rules;

    private Validator(List<Rule> rules) {
        Map<String, Rule> byId = new HashMap<>();
        for (Rule rule : rules) {
            if (!RULE_ID.matcher(rule.id()).matches()) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Validation rule " + rule.getClass().getName()
                        + " has the id '" + rule.id() + "'; rule ids are kebab-case, like tables-with-oids.");
            }
            Rule clash = byId.putIfAbsent(rule.id(), rule);
            if (clash != null) {
                throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "Two validation rules have the id '" + rule.id() + "': "
                        + clash.getClass().getName() + " and " + rule.getClass().getName() + ".");
            }
        }
        List<Rule> ordered = new ArrayList<>(rules);
        ordered.sort(Comparator.comparing(Rule::category));
        this.rules = List.copyOf(ordered);
    }

    /**
     * The built-in rules and every other rule {@link ServiceLoader} finds, with this library's class
     * loader and the thread's context class loader (where applications' own rules usually are).
     */
    public static Validator withDiscoveredRules() {
        Map<String, Rule> found = new LinkedHashMap<>();
        discover(Validator.class.getClassLoader(), found);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            discover(context, found);
        }
        return new Validator(List.copyOf(found.values()));
    }

    /** The rules {@link ServiceLoader} finds with {@code loader}. */
    public static Validator withDiscoveredRules(ClassLoader loader) {
        Map<String, Rule> found = new LinkedHashMap<>();
        discover(loader, found);
        return new Validator(List.copyOf(found.values()));
    }

    /** Adds the rules {@code loader} finds, once per class. */
    private static void discover(ClassLoader loader, Map<String, Rule> found) {
        try {
            for (Rule rule : ServiceLoader.load(Rule.class, loader)) {
                found.putIfAbsent(rule.getClass().getName(), rule);
            }
        } catch (ServiceConfigurationError e) {
            throw new PgMigrateException(ErrorKind.VALIDATION_ERROR, "A validation rule listed in META-INF/services/"
                    + Rule.class.getName() + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** Exactly these rules. */
    public static Validator of(Collection<? extends Rule> rules) {
        return new Validator(List.copyOf(rules));
    }

    /** These rules and {@code more}. */
    public Validator plus(Rule... more) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(List.of(more));
        return new Validator(all);
    }

    /** The rules, in the order they run (by category). */
    public List<Rule> rules() {
        return rules;
    }

    /**
     * Validates the migration {@code request} describes; changes nothing on either server.
     *
     * @throws PgMigrateException {@link ErrorKind#INVALID_REQUEST} for an unknown id among the disabled
     *         rules, {@link ErrorKind#VALIDATION_ERROR} when a rule cannot run
     */
    public ValidationReport validate(MigrationRequest request) {
        Set<String> unknown = new TreeSet<>(request.disabledRules());
        rules.forEach(r -> unknown.remove(r.id()));
        if (!unknown.isEmpty()) {
            throw new PgMigrateException(ErrorKind.INVALID_REQUEST, "No validation rule has the id " + String.join(", ", unknown)
                    + "; the rules are: " + String.join(", ", rules.stream().map(Rule::id).sorted().toList()) + ".");
        }
        Instant startedAt = request.clock().instant();
        Map<Side, String> endpoints = new EnumMap<>(Side.class);
        endpoints.put(Side.SOURCE, request.source().toString());
        endpoints.put(Side.TARGET, request.target().toString());
        RuleContext context = new RuleContext(request.mode(), request.jobs(), request.leaveOutUncreatableObjects(), endpoints);
        Connection source = null;
        Connection target = null;
        try {
            source = connect(context, Side.SOURCE, request.source());
            target = connect(context, Side.TARGET, request.target());
            List<Finding> findings = run(context, request.disabledRules());
            ValidationReport report = ValidationReport.builder()
                    .mode(request.mode())
                    .sourceEndpoint(endpoints.get(Side.SOURCE))
                    .targetEndpoint(endpoints.get(Side.TARGET))
                    .source(context.reached(Side.SOURCE) ? Optional.of(context.source().info()) : Optional.empty())
                    .target(context.reached(Side.TARGET) ? Optional.of(context.target().info()) : Optional.empty())
                    .findings(findings)
                    .startedAt(startedAt)
                    .duration(Duration.between(startedAt, request.clock().instant()))
                    .build();
            LOG.info("Validation {}: {} failed, {} warnings, {} succeeded in {} ms", report.outcome(),
                    report.findings(Severity.FAILED).size(), report.findings(Severity.WARNING).size(),
                    report.findings(Severity.SUCCEEDED).size(), report.duration().toMillis());
            return report;
        } finally {
            Sessions.close(source);
            Sessions.close(target);
        }
    }

    private static Connection connect(RuleContext context, Side side, Endpoint endpoint) {
        Connection connection = null;
        try {
            connection = Sessions.open(endpoint);
            context.reached(new Server(side, connection, endpoint));
            return connection;
        } catch (SQLException e) {
            Sessions.close(connection);
            LOG.debug("Validation could not connect to the {}: {}", side.label(), e.getMessage());
            context.failed(side, e);
            return null;
        }
    }

    private List<Finding> run(RuleContext context, Set<String> disabled) {
        int sourceVersion = context.reached(Side.SOURCE) ? context.source().versionNumber() : 0;
        int targetVersion = context.reached(Side.TARGET) ? context.target().versionNumber() : 0;
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            if (disabled.contains(rule.id()) || !rule.modes().contains(context.mode())
                    || !rule.reads().stream().allMatch(context::reached) || !rule.appliesTo(sourceVersion, targetVersion)) {
                continue;
            }
            long start = System.nanoTime();
            List<Finding> found = check(rule, context);
            LOG.debug("Rule {}: {} in {} ms", rule.id(), found, (System.nanoTime() - start) / 1_000_000);
            findings.addAll(found);
        }
        return findings;
    }

    private static List<Finding> check(Rule rule, RuleContext context) {
        List<Finding> found;
        try {
            found = rule.check(context);
        } catch (SQLException | RuntimeException e) {
            String state = e instanceof SQLException s && s.getSQLState() != null ? " (SQLSTATE " + s.getSQLState() + ")" : "";
            throw new PgMigrateException(ErrorKind.VALIDATION_ERROR, "Validation rule " + rule.id() + " could not run: "
                    + e.getMessage() + state + ". Nothing was changed. To validate without it, disable the rule"
                    + " (Migration.Builder.disableRules(\"" + rule.id() + "\"), or --disable-rule " + rule.id() + ").", e);
        }
        for (Finding f : found) {
            if (!f.rule().equals(rule.id())) {
                throw new PgMigrateException(ErrorKind.VALIDATION_ERROR, "Validation rule " + rule.id() + " ("
                        + rule.getClass().getName() + ") returned a finding for another rule, " + f.rule() + ".");
            }
        }
        return found;
    }
}
