/**
 * Merging across exports: rows of unchanged files carried over from the previous warehouse, and the clean tables as
 * views that keep each record's newest version (the later file wins, and within a file the later row).
 */
import {cleanColumns} from "./layout.ts";
import {SOURCE_IDS, SOURCES, type SourceId} from "./schema/index.ts";
import {createTableSql, ident, literal, type Db} from "./warehouse.ts";

/**
 * Copies the stage rows and rejects of the files in `carry` from the previous warehouse, attached as `old`: their
 * content is unchanged, so reading them again would give the same rows.
 */
export async function carryOver(con: Db["con"], carry: readonly {source: SourceId; path: string}[]): Promise<void> {
  if (!carry.length) return;
  await con.run(createTableSql("_carry", [{name: "source", type: "VARCHAR"}, {name: "path", type: "VARCHAR"}]));
  const appender = await con.createAppender("_carry");
  for (const c of carry) {
    appender.appendVarchar(c.source);
    appender.appendVarchar(c.path);
    appender.endRow();
  }
  appender.closeSync();
  for (const id of SOURCE_IDS) {
    await con.run(`INSERT INTO stage.${ident(id)} SELECT * FROM old.stage.${ident(id)} WHERE source_file IN (SELECT path FROM _carry)`);
  }
  await con.run(`INSERT INTO rejects SELECT * FROM old.main.rejects WHERE file IN (SELECT path FROM _carry)`);
  await con.run("DROP TABLE _carry");
}

/**
 * Lists in `stage.superseded` every version of a record but its newest (ordered by the `files` table's file_order,
 * then the row's position `_seq`), and creates each clean table as a view of `stage.<source>` without them. Merging on
 * read: copying every latest version into a table of its own was the longest step after reading, for no gain in the
 * queries that publish the pages.
 */
export async function mergeVersions(con: Db["con"]): Promise<void> {
  await con.run(
    createTableSql("stage.superseded", [
      {name: "source", type: "VARCHAR"},
      {name: "source_file", type: "VARCHAR"},
      {name: "_seq", type: "INTEGER"}
    ])
  );
  for (const id of SOURCE_IDS) {
    const schema = SOURCES[id];
    const key = ident(schema.idField);
    await con.run(
      `INSERT INTO stage.superseded
       SELECT ${literal(id)}, source_file, _seq FROM (
         SELECT s.source_file, s._seq, row_number() OVER (PARTITION BY s.${key} ORDER BY f.file_order DESC, s._seq DESC) AS version
         FROM stage.${ident(id)} s JOIN files f ON f.path = s.source_file
         WHERE s.${key} IN (SELECT ${key} FROM stage.${ident(id)} GROUP BY ALL HAVING count(*) > 1)
       ) WHERE version > 1`
    );
    const cols = cleanColumns(schema)
      .map((c) => `s.${ident(c.name)}`)
      .join(", ");
    await con.run(
      `CREATE VIEW main.${ident(id)} AS
       SELECT ${cols} FROM stage.${ident(id)} s
       ANTI JOIN (SELECT source_file, _seq FROM stage.superseded WHERE source = ${literal(id)}) old
         ON old.source_file = s.source_file AND old._seq = s._seq`
    );
  }
}
