/*
 * SikoJdbcCheck: read siko's as-of API through the PostgreSQL JDBC driver,
 * as JasperReports, BIRT or DBeaver do.
 *
 *   java SikoJdbcCheck URL OUTDIR COOP DAY_BEFORE DAY_JOINED AGS
 *                      GROWTH_FROM GROWTH_TO GROWTH_STEP SETUP_SQL
 *
 * The binary operators of schema siko come on standard input, one
 * "LEFTTYPE OPERATOR RIGHTTYPE" a line.  Everything runs in one
 * transaction that is rolled back.  Results are written to OUTDIR/NAME.got
 * in the text form of COPY ... TO STDOUT (tabs between columns, NULL as \N,
 * booleans t/f), each value read with the getter its JDBC type calls for:
 * getObject(LocalDate) for dates, getInt for integers, getBoolean for
 * booleans and getString for everything else, the siko types included.
 * Exit status 0 when every check passed, 1 otherwise.
 */

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

public class SikoJdbcCheck {
    private static int failures = 0;

    private static void fail(String msg) {
        System.out.println("FAIL: " + msg);
        failures++;
    }

    private static void ok(String msg) {
        System.out.println("ok: " + msg);
    }

    private static String typeName(int t) {
        switch (t) {
            case Types.VARCHAR: return "VARCHAR";
            case Types.CHAR: return "CHAR";
            case Types.LONGVARCHAR: return "LONGVARCHAR";
            case Types.INTEGER: return "INTEGER";
            case Types.BIGINT: return "BIGINT";
            case Types.SMALLINT: return "SMALLINT";
            case Types.DATE: return "DATE";
            case Types.BIT: return "BIT";
            case Types.BOOLEAN: return "BOOLEAN";
            case Types.OTHER: return "OTHER";
            case Types.BINARY: return "BINARY";
            case Types.VARBINARY: return "VARBINARY";
            default: return "TYPE" + t;
        }
    }

    private static String escape(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\': b.append("\\\\"); break;
                case '\t': b.append("\\t"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }

    /*
     * Write the rows of rs to OUTDIR/name.got and return the columns as
     * "name:JDBCTYPE:servertype" strings.  Binary columns fail.
     */
    private static List<String> dump(ResultSet rs, Path outdir, String name)
            throws SQLException, IOException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> cols = new ArrayList<>();
        for (int i = 1; i <= n; i++)
            cols.add(md.getColumnLabel(i) + ":" + typeName(md.getColumnType(i)) + ":"
                     + md.getColumnTypeName(i));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(
                outdir.resolve(name + ".got"), StandardCharsets.UTF_8))) {
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    if (i > 1)
                        line.append('\t');
                    String v;
                    switch (md.getColumnType(i)) {
                        case Types.DATE: {
                            LocalDate d = rs.getObject(i, LocalDate.class);
                            v = d == null ? null : d.toString();
                            break;
                        }
                        case Types.INTEGER:
                        case Types.SMALLINT:
                        case Types.BIGINT: {
                            long x = rs.getLong(i);
                            v = rs.wasNull() ? null : Long.toString(x);
                            break;
                        }
                        case Types.BIT:
                        case Types.BOOLEAN: {
                            boolean x = rs.getBoolean(i);
                            v = rs.wasNull() ? null : (x ? "t" : "f");
                            break;
                        }
                        case Types.BINARY:
                        case Types.VARBINARY:
                        case Types.LONGVARBINARY:
                            throw new SQLException("column " + md.getColumnLabel(i)
                                                   + " of " + name + " arrives as binary data");
                        default:
                            v = rs.getString(i);
                    }
                    line.append(v == null ? "\\N" : escape(v));
                }
                w.print(line);
                w.print('\n');
            }
        }
        return cols;
    }

    /* want: "name:REGEX" per column, REGEX matching the JDBC type name */
    private static void expectColumns(String what, List<String> got, String... want) {
        boolean good = got.size() == want.length;
        for (int i = 0; good && i < want.length; i++) {
            String[] g = got.get(i).split(":", 3);
            String[] w = want[i].split(":", 2);
            good = g[0].equals(w[0]) && g[1].matches(w[1]);
        }
        if (!good)
            fail(what + " columns are " + got + ", want " + List.of(want));
        else
            ok(what + " columns " + got);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 10) {
            System.err.println("usage: SikoJdbcCheck URL OUTDIR COOP DAY_BEFORE DAY_JOINED AGS "
                               + "GROWTH_FROM GROWTH_TO GROWTH_STEP SETUP_SQL");
            System.exit(2);
        }
        String url = args[0];
        Path out = Path.of(args[1]);
        String coop = args[2];
        LocalDate before = LocalDate.parse(args[3]);
        LocalDate joined = LocalDate.parse(args[4]);
        String ags = args[5];
        LocalDate growthFrom = LocalDate.parse(args[6]);
        LocalDate growthTo = LocalDate.parse(args[7]);
        String growthStep = args[8];
        String setup = args[9];

        List<String[]> operators = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null)
                if (!line.isBlank())
                    operators.add(line.trim().split(" ", 3));
        }

        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute(setup);
            }

            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM siko.members_as_of(?, ?)")) {
                ps.setString(1, coop);
                ps.setObject(2, before);
                try (ResultSet rs = ps.executeQuery()) {
                    dump(rs, out, "members_before");
                }
                ps.setObject(2, joined);
                try (ResultSet rs = ps.executeQuery()) {
                    expectColumns("members_as_of", dump(rs, out, "members_joined"),
                                  "partner:VARCHAR", "kind:VARCHAR", "ags:VARCHAR|OTHER",
                                  "certain:BIT", "period:VARCHAR|OTHER");
                }
            }

            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM siko.growth(?, ?, ?, CAST(? AS interval))")) {
                ps.setString(1, coop);
                ps.setObject(2, growthFrom);
                ps.setObject(3, growthTo);
                ps.setString(4, growthStep);
                try (ResultSet rs = ps.executeQuery()) {
                    expectColumns("growth", dump(rs, out, "growth"),
                                  "day:DATE", "certain:INTEGER", "possible:INTEGER");
                }
            }

            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT * FROM siko.timeline")) {
                List<String> cols = dump(rs, out, "timeline");
                boolean plain = true;
                for (String col : cols) {
                    String t = col.split(":")[1];
                    if (!(t.equals("VARCHAR") || t.equals("DATE") || t.equals("INTEGER") || t.equals("BIT"))) {
                        fail("siko.timeline column " + col + " is not text, date, integer or boolean");
                        plain = false;
                    }
                }
                if (plain)
                    ok("siko.timeline: " + cols.size() + " columns, all VARCHAR, DATE, INTEGER or BIT");
            }

            /* siko.is_member and siko.member_at with parameter markers */
            try (PreparedStatement ps = c.prepareStatement(
                     "SELECT siko.is_member(?, CAST(? AS siko.ags), ?)");
                 PrintWriter w = new PrintWriter(Files.newBufferedWriter(
                     out.resolve("is_member.got"), StandardCharsets.UTF_8))) {
                for (LocalDate d : new LocalDate[] { before, joined }) {
                    ps.setString(1, coop);
                    ps.setString(2, ags);
                    ps.setObject(3, d);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        boolean b = rs.getBoolean(1);
                        w.print((rs.wasNull() ? "\\N" : b ? "t" : "f") + "\n");
                    }
                }
            }

            /* the siko-typed ags column compared as a string, bound as a parameter */
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT m.ags, m.period FROM siko.members_as_of(?, ?) m WHERE CAST(m.ags AS text) = ?")) {
                ps.setString(1, coop);
                ps.setObject(2, joined);
                ps.setString(3, ags);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next())
                        fail("no member with AGS " + ags + " on " + joined);
                    else if (!ags.equals(rs.getString(1)))
                        fail("getString of siko.ags gave \"" + rs.getString(1) + "\", want \"" + ags + "\"");
                    else if (rs.getString(2) == null || rs.getString(2).isEmpty())
                        fail("getString of siko.period gave no text");
                    else
                        ok("getString of siko.ags gives \"" + rs.getString(1)
                           + "\", of siko.period \"" + rs.getString(2) + "\"");
                }
            }

            /* every siko operator between two parameter markers */
            int opsOk = 0;
            for (String[] op : operators) {
                String sql = "SELECT CAST(? AS " + op[0] + ") OPERATOR(siko." + op[1] + ") CAST(? AS " + op[2] + ")";
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    int n = ps.getParameterMetaData().getParameterCount();
                    if (n != 2) {
                        fail(sql + ": the driver counts " + n + " parameters, not 2");
                        continue;
                    }
                    ps.setNull(1, Types.VARCHAR);
                    ps.setNull(2, Types.VARCHAR);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        opsOk++;
                    }
                }
            }
            if (opsOk == operators.size())
                ok(opsOk + " siko operators between two ? markers: two parameters each, and the statements ran");

            c.rollback();
        } catch (SQLException | IOException e) {
            fail(e.toString());
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
