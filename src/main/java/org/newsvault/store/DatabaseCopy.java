package org.newsvault.store;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Copies every application table of one migrated newsvault database into another migrated to the same Flyway
 * version ({@code newsvault migrate-db}): H2 into PostgreSQL, or H2 into H2.
 *
 * <p>The tables, their columns, identity columns, generated columns and foreign keys are read from JDBC metadata
 * of both sides, so a migration adding a table needs no change here. Tables are copied in an order where every
 * referenced table comes first (the union of both sides' keys: H2's migrations dropped keys that PostgreSQL's may
 * keep). Columns are matched by name, case-insensitively (H2 reports OUTLET, PostgreSQL outlet); generated columns
 * are left to the target to compute. Rows are read as a stream and written in batches, each value read per row
 * (a long body is one row's memory, never a table's).
 *
 * <p><b>Transactions and resuming.</b> Each table is one transaction on the target, its identity restarted after
 * its largest id in the same transaction, so an interrupted copy leaves every table either empty or complete.
 * Before anything is written, every target table must be empty or already equal to its source table (same row
 * count and checksum): those are kept, which makes running the copy again after an interruption finish the rest,
 * and keeps the rows a migration seeds itself (V7's claim_lock). A target table with other rows is refused.
 *
 * <p><b>The check.</b> Per table, the row count and a checksum of the contents: the sum modulo 2<sup>256</sup> of one
 * SHA-256 per row over its values normalized (timestamps as instants, whatever offset a side keeps; text as
 * UTF-8; binary as bytes). A sum rather than a digest of rows in key order: PostgreSQL sorts text keys by its
 * collation and H2 by code point, and a sum needs no order (nor the memory to sort).
 */
public final class DatabaseCopy {
    /** Rows per batched insert. */
    public static final int BATCH = 1_000;
    static final String HISTORY = "flyway_schema_history";

    /** Progress of one table: called at its start ({@code done} 0), after each batch and at its end. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (table, done, total) -> {};

        void rows(String table, long done, long total);
    }

    /**
     * How the target's identity column is restarted at {@code next} (the largest copied id + 1): the copy inserts
     * ids explicitly, which neither H2 nor PostgreSQL counts as using the identity's sequence.
     */
    @FunctionalInterface
    public interface IdentityReset {
        IdentityReset H2 = (c, table, column, next) -> {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE " + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
            }
        };
        /** setval(..., false): the next nextval returns {@code next} itself. */
        IdentityReset POSTGRESQL = (c, table, column, next) -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT setval(pg_get_serial_sequence(?, ?), ?, false)")) {
                ps.setString(1, table);
                ps.setString(2, column);
                ps.setLong(3, next);
                ps.executeQuery().close();
            }
        };

        void restart(Connection target, String table, String column, long next) throws SQLException;

        /** The reset for the target's product ({@link DatabaseMetaData#getDatabaseProductName}). */
        static IdentityReset of(Connection target) throws SQLException {
            String product = target.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2")) return H2;
            if (product.contains("postgres")) return POSTGRESQL;
            throw new SQLException("no identity reset for " + product);
        }
    }

    /** What became of one table. */
    public enum Outcome {
        /** Copied into the empty target table. */
        COPIED,
        /** The target table already held exactly the source's rows (an earlier run, or a migration's seed row). */
        ALREADY_THERE
    }

    /** One table after the copy: both sides' row counts and checksums. */
    public record TableReport(String table, Outcome outcome, long sourceRows, long targetRows, String sourceChecksum,
                              String targetChecksum) {
        public boolean equal() {
            return sourceRows == targetRows && sourceChecksum.equals(targetChecksum);
        }
    }

    /** The whole copy: the schema version both sides were at, and every table in the order copied. */
    public record CopyReport(String schemaVersion, List<TableReport> tables) {
        public CopyReport {
            tables = List.copyOf(tables);
        }

        /** True when every table's count and checksum agree. */
        public boolean lossless() {
            return tables.stream().allMatch(TableReport::equal);
        }

        public long rows() {
            return tables.stream().mapToLong(TableReport::targetRows).sum();
        }
    }

    /** The copy cannot start: the databases differ in schema, or the target holds other rows. Nothing was written. */
    public static final class RefusedException extends StoreException {
        public RefusedException(String message) {
            super(message, null);
        }
    }

    private final Connection source;
    private final Connection target;
    private final IdentityReset reset;
    private final int batch;

    /**
     * @param source read only (see {@link #openReadOnly}); not closed here
     * @param target migrated to the same version; left in auto-commit, not closed here
     */
    public DatabaseCopy(Connection source, Connection target, IdentityReset reset) {
        this(source, target, reset, BATCH);
    }

    DatabaseCopy(Connection source, Connection target, IdentityReset reset, int batch) {
        this.source = source;
        this.target = target;
        this.reset = reset;
        this.batch = batch;
    }

    /** The user every newsvault H2 database is created with ({@code Database}'s; kept in each database file). */
    static final String H2_USER = Database.NAME;

    /**
     * The archive's H2 file opened read-only: H2 opens the file for reading only (a file a daemon holds is refused
     * by H2's own lock), so not a byte of it changes. No migration: a copy needs the source at this build's version.
     */
    public static Connection openReadOnly(Path dataDir) {
        Path file = dataDir.resolve(Database.FILE);
        if (!Files.isRegularFile(file)) throw new RefusedException("no newsvault database in " + dataDir + " (" + file + ")");
        if (Files.exists(dataDir.resolve(Database.FILE + ".newFile")) || Files.exists(dataDir.resolve(Database.FILE + ".tempFile"))) {
            throw new RefusedException(file + ": an interrupted compaction left its copy; open the archive with newsvault "
                + "once (e.g. newsvault status) to finish it");
        }
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve(Database.NAME)
            + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE;DB_CLOSE_ON_EXIT=FALSE";
        try {
            var ds = new org.h2.jdbcx.JdbcDataSource();
            ds.setURL(url);
            ds.setUser(H2_USER);
            ds.setPassword("");
            Connection c = ds.getConnection();
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            throw new StoreException("cannot open " + file + " read-only: " + Database.rootMessage(e), e);
        }
    }

    /** The latest successfully applied Flyway version, empty when none was. */
    static Optional<String> schemaVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT \"version\" FROM \"" + HISTORY + "\" WHERE \"success\" = TRUE"
                 + " AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    /**
     * Checks both sides, copies every table and checks the result.
     *
     * @throws RefusedException before any write, when the schema versions differ or a target table holds other rows
     * @throws StoreException when a statement fails (the table in progress is rolled back; earlier ones stay)
     */
    public CopyReport run(Progress progress) {
        try {
            String version = checkVersions();
            List<Table> tables = tables();
            Map<String, long[]> counts = new LinkedHashMap<>();
            Map<String, String> kept = new TreeMap<>();
            List<String> refused = new ArrayList<>();
            for (Table t : tables) {
                long s = count(source, t.name), d = count(target, t.name);
                counts.put(t.name, new long[] {s, d});
                if (d == 0) continue;
                String sum = checksum(source, t), targetSum = checksum(target, t);
                if (s == d && sum.equals(targetSum)) {
                    kept.put(t.name, sum);
                } else {
                    refused.add(t.name + " (" + d + " rows)");
                }
            }
            if (!refused.isEmpty()) {
                throw new RefusedException("the target database already holds other rows in " + String.join(", ", refused)
                    + "; migrate into an empty database");
            }
            List<TableReport> reports = new ArrayList<>();
            for (Table t : tables) {
                long total = counts.get(t.name)[0];
                Outcome outcome = kept.containsKey(t.name) ? Outcome.ALREADY_THERE : Outcome.COPIED;
                progress.rows(t.name, 0, total);
                if (outcome == Outcome.COPIED) copy(t, total, progress);
                progress.rows(t.name, total, total);
                reports.add(new TableReport(t.name, outcome, total, count(target, t.name),
                    checksum(source, t), checksum(target, t)));
            }
            return new CopyReport(version, reports);
        } catch (SQLException e) {
            throw new StoreException("migrate-db: " + Database.rootMessage(e), e);
        }
    }

    /** Only the check: both sides' counts and checksums, nothing copied (what a run after a copy shows). */
    public CopyReport compare() {
        try {
            String version = checkVersions();
            List<TableReport> reports = new ArrayList<>();
            for (Table t : tables()) {
                reports.add(new TableReport(t.name, Outcome.ALREADY_THERE, count(source, t.name), count(target, t.name),
                    checksum(source, t), checksum(target, t)));
            }
            return new CopyReport(version, reports);
        } catch (SQLException e) {
            throw new StoreException("migrate-db: " + Database.rootMessage(e), e);
        }
    }

    private String checkVersions() throws SQLException {
        String from = schemaVersion(source).orElseThrow(() -> new RefusedException("the source database was never migrated"));
        String to = schemaVersion(target).orElseThrow(() -> new RefusedException(
            "the target database has no newsvault schema (no Flyway history)"));
        if (!from.equals(to)) {
            throw new RefusedException("the source database has schema version " + from + " and the target " + to
                + ": open the archive once with this newsvault (e.g. newsvault status) so both are at the same version");
        }
        return from;
    }

    /** A table's copied columns (name as the source spells it, how its values are read) and identity column. */
    private record Column(String name, Kind kind, int targetType) {}

    private record Table(String name, List<Column> columns, String identity) {}

    private enum Kind { TEXT, BYTES, INSTANT, LOCAL_TIMESTAMP, OTHER }

    /** The application tables of both sides, in foreign-key order, with the columns to copy. */
    private List<Table> tables() throws SQLException {
        Map<String, String> sourceNames = tableNames(source), targetNames = tableNames(target);
        List<String> missing = new ArrayList<>();
        for (String t : sourceNames.keySet()) if (!targetNames.containsKey(t)) missing.add(t);
        for (String t : targetNames.keySet()) if (!sourceNames.containsKey(t)) missing.add(t);
        if (!missing.isEmpty()) {
            throw new RefusedException("the two databases differ in tables (" + String.join(", ", missing)
                + ") though both are at the same schema version");
        }
        Map<String, TreeSet<String>> references = new TreeMap<>();
        for (String t : sourceNames.keySet()) {
            TreeSet<String> refs = new TreeSet<>();
            refs.addAll(referenced(source, sourceNames.get(t)));
            refs.addAll(referenced(target, targetNames.get(t)));
            refs.remove(t);
            refs.retainAll(sourceNames.keySet());
            references.put(t, refs);
        }
        List<Table> out = new ArrayList<>();
        for (String t : topological(references)) out.add(table(t, sourceNames.get(t), targetNames.get(t)));
        return out;
    }

    /** Lower-case name → the name as the database spells it; every table but Flyway's own. */
    private static Map<String, String> tableNames(Connection c) throws SQLException {
        Map<String, String> names = new TreeMap<>();
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getTables(c.getCatalog(), c.getSchema(), "%", null)) {
            while (rs.next()) {
                String type = String.valueOf(rs.getString("TABLE_TYPE")).toUpperCase(Locale.ROOT);
                if (!type.equals("TABLE") && !type.equals("BASE TABLE")) continue;
                String name = rs.getString("TABLE_NAME");
                if (name.equalsIgnoreCase(HISTORY)) continue;
                names.put(name.toLowerCase(Locale.ROOT), name);
            }
        }
        return names;
    }

    private static List<String> referenced(Connection c, String table) throws SQLException {
        List<String> refs = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getImportedKeys(c.getCatalog(), c.getSchema(), table)) {
            while (rs.next()) refs.add(rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
        }
        return refs;
    }

    /** Referenced tables first; among tables free to go, alphabetical (a stable order for the same schema). */
    static List<String> topological(Map<String, ? extends java.util.Collection<String>> references) {
        List<String> order = new ArrayList<>();
        TreeSet<String> left = new TreeSet<>(references.keySet());
        while (!left.isEmpty()) {
            String next = left.stream().filter(t -> order.containsAll(references.get(t))).findFirst()
                .orElseThrow(() -> new RefusedException("the foreign keys of " + left + " form a cycle"));
            order.add(next);
            left.remove(next);
        }
        return order;
    }

    private record ColumnInfo(String name, int type, String typeName, boolean generated, boolean identity) {}

    private static Map<String, ColumnInfo> columns(Connection c, String table) throws SQLException {
        Map<String, ColumnInfo> cols = new LinkedHashMap<>();
        try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), c.getSchema(), table, "%")) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                cols.put(name.toLowerCase(Locale.ROOT), new ColumnInfo(name, rs.getInt("DATA_TYPE"),
                    String.valueOf(rs.getString("TYPE_NAME")), "YES".equalsIgnoreCase(rs.getString("IS_GENERATEDCOLUMN")),
                    "YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))));
            }
        }
        return cols;
    }

    private Table table(String key, String sourceName, String targetName) throws SQLException {
        Map<String, ColumnInfo> from = columns(source, sourceName), to = columns(target, targetName);
        List<Column> copied = new ArrayList<>();
        String identity = null;
        List<String> unmatched = new ArrayList<>();
        for (var e : from.entrySet()) {
            ColumnInfo s = e.getValue(), d = to.get(e.getKey());
            if (d == null) {
                unmatched.add(s.name());
                continue;
            }
            // computed by the target from the copied columns (V4's feed_key, V8's listed_at)
            if (s.generated() || d.generated()) continue;
            copied.add(new Column(s.name(), kind(s), d.type()));
            if (d.identity()) identity = e.getKey();
        }
        for (var e : to.entrySet()) if (!from.containsKey(e.getKey())) unmatched.add(e.getValue().name());
        if (!unmatched.isEmpty()) {
            throw new RefusedException("table " + key + ": columns " + unmatched + " exist on one side only");
        }
        return new Table(key, copied, identity);
    }

    private static Kind kind(ColumnInfo c) {
        String name = c.typeName().toUpperCase(Locale.ROOT);
        return switch (c.type()) {
            case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.INSTANT;
            // PostgreSQL reports timestamptz as TIMESTAMP, telling them apart only by its type name
            case Types.TIMESTAMP -> name.contains("TZ") || name.contains("TIME ZONE") ? Kind.INSTANT : Kind.LOCAL_TIMESTAMP;
            case Types.CLOB, Types.NCLOB, Types.LONGVARCHAR, Types.LONGNVARCHAR, Types.VARCHAR, Types.NVARCHAR, Types.CHAR,
                 Types.NCHAR -> Kind.TEXT;
            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> Kind.BYTES;
            default -> Kind.OTHER;
        };
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String select(Table t) {
        return "SELECT " + String.join(", ", t.columns.stream().map(Column::name).toList()) + " FROM " + t.name;
    }

    /** A streamed read: PostgreSQL's driver uses a cursor only with a fetch size outside auto-commit. */
    private <T> T stream(Connection c, String sql, SqlRows<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        if (auto) c.setAutoCommit(false);
        try (Statement st = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            st.setFetchSize(batch);
            try (ResultSet rs = st.executeQuery(sql)) {
                return work.run(rs);
            }
        } finally {
            if (auto) {
                c.commit(); // a read: nothing to keep, but PostgreSQL needs the transaction ended
                c.setAutoCommit(true);
            }
        }
    }

    @FunctionalInterface
    private interface SqlRows<T> {
        T run(ResultSet rs) throws SQLException;
    }

    private void copy(Table t, long total, Progress progress) throws SQLException {
        List<Column> cols = t.columns;
        String insert = "INSERT INTO " + t.name + " (" + String.join(", ", cols.stream().map(Column::name).toList())
            + ") VALUES (" + String.join(", ", cols.stream().map(c -> "?").toList()) + ")";
        target.setAutoCommit(false);
        boolean done = false;
        try (PreparedStatement ps = target.prepareStatement(insert)) {
            long[] maxId = {Long.MIN_VALUE};
            int idIndex = t.identity == null ? -1 : indexOf(cols, t.identity);
            long rows = stream(source, select(t), rs -> {
                long n = 0;
                int pending = 0;
                while (rs.next()) {
                    for (int i = 0; i < cols.size(); i++) transfer(rs, ps, i + 1, cols.get(i));
                    if (idIndex >= 0) maxId[0] = Math.max(maxId[0], rs.getLong(idIndex + 1));
                    ps.addBatch();
                    n++;
                    if (++pending == batch) {
                        ps.executeBatch();
                        pending = 0;
                        progress.rows(t.name, n, total);
                    }
                }
                if (pending > 0) ps.executeBatch();
                return n;
            });
            if (t.identity != null && rows > 0) reset.restart(target, t.name, t.identity, maxId[0] + 1);
            target.commit();
            done = true;
        } catch (SQLException e) {
            throw new SQLException("table " + t.name + ": " + Database.rootMessage(e), e);
        } finally {
            if (!done) {
                try {
                    target.rollback();
                } catch (SQLException ignored) {
                    // the failure above is what the user needs to hear
                }
            }
            target.setAutoCommit(true);
        }
    }

    private static int indexOf(List<Column> cols, String lowerName) {
        for (int i = 0; i < cols.size(); i++) if (cols.get(i).name.equalsIgnoreCase(lowerName)) return i;
        return -1;
    }

    private static void transfer(ResultSet rs, PreparedStatement ps, int i, Column c) throws SQLException {
        switch (c.kind) {
            case TEXT -> {
                String v = rs.getString(i);
                if (v == null) ps.setNull(i, c.targetType); else ps.setString(i, v);
            }
            case BYTES -> {
                byte[] v = rs.getBytes(i);
                if (v == null) ps.setNull(i, c.targetType); else ps.setBytes(i, v);
            }
            case INSTANT -> {
                OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                if (v == null) ps.setNull(i, c.targetType); else ps.setObject(i, v);
            }
            case LOCAL_TIMESTAMP -> {
                LocalDateTime v = rs.getObject(i, LocalDateTime.class);
                if (v == null) ps.setNull(i, c.targetType); else ps.setObject(i, v);
            }
            case OTHER -> {
                Object v = rs.getObject(i);
                if (v == null) ps.setNull(i, c.targetType); else ps.setObject(i, v);
            }
        }
    }

    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(256);

    /** The order-free checksum of a table's copied columns (see the class comment), as 64 hex digits. */
    private String checksum(Connection c, Table t) throws SQLException {
        return stream(c, select(t), rs -> {
            MessageDigest row = sha256();
            BigInteger sum = BigInteger.ZERO;
            while (rs.next()) {
                for (int i = 0; i < t.columns.size(); i++) {
                    Column col = t.columns.get(i);
                    row.update(col.name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
                    row.update((byte) 0);
                    value(rs, i + 1, col, row);
                }
                sum = sum.add(new BigInteger(1, row.digest())).mod(MOD);
            }
            String hex = sum.toString(16);
            return "0".repeat(64 - hex.length()) + hex;
        });
    }

    /** One value into the row's digest: a tag (null or the value's kind), its length and its bytes. */
    private static void value(ResultSet rs, int i, Column c, MessageDigest d) throws SQLException {
        byte[] bytes = switch (c.kind) {
            case TEXT -> text(rs, i);
            case BYTES -> binary(rs, i);
            case INSTANT -> {
                OffsetDateTime v = rs.getObject(i, OffsetDateTime.class);
                yield v == null ? null : v.toInstant().toString().getBytes(StandardCharsets.UTF_8);
            }
            case LOCAL_TIMESTAMP -> {
                LocalDateTime v = rs.getObject(i, LocalDateTime.class);
                yield v == null ? null : v.toString().getBytes(StandardCharsets.UTF_8);
            }
            case OTHER -> {
                Object v = rs.getObject(i);
                yield v == null ? null : (v instanceof Number n ? new java.math.BigDecimal(n.toString()).stripTrailingZeros()
                    .toPlainString() : v.toString()).getBytes(StandardCharsets.UTF_8);
            }
        };
        if (bytes == null) {
            d.update((byte) 'N');
            return;
        }
        d.update((byte) 'V');
        d.update(BigInteger.valueOf(bytes.length).toByteArray());
        d.update((byte) 0);
        d.update(bytes);
    }

    /** Text read per row: one value's memory at a time. */
    private static byte[] text(ResultSet rs, int i) throws SQLException {
        String v = rs.getString(i);
        return v == null ? null : v.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] binary(ResultSet rs, int i) throws SQLException {
        try (InputStream in = rs.getBinaryStream(i)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new SQLException("reading bytes: " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
