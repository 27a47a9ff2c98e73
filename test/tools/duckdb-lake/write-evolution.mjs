// Writes the schema-evolution tests' objects with DuckDB, one COPY per object, as a producer whose schema drifts would.
// Usage: node write-evolution.mjs <folder>
// orders/2024-01.parquet  id BIGINT, qty INTEGER, price DECIMAL(10,2), meta STRUCT(a INTEGER)
// orders/2024-02.parquet  id BIGINT, qty BIGINT, price DECIMAL(12,4), note VARCHAR, meta STRUCT(a BIGINT, b VARCHAR)
// orders/2024-03.parquet  note VARCHAR, id BIGINT (reordered; qty, price and meta dropped)
// conflict/a.parquet and conflict/b.parquet: column v is BIGINT in one and VARCHAR in the other.
// floats/: v is BIGINT, then DOUBLE (neither holds the other); zones/: t is TIMESTAMP, then TIMESTAMPTZ (UTC).
// cased/a.parquet and cased/b.parquet: columns Name and name, which differ only in case.
// Prints one JSON line {"files": [relative paths in write order]}.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const [folder] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node write-evolution.mjs <folder>');
  process.exit(2);
}

const objects = [
  ['orders/2024-01.parquet', `SELECT * FROM (VALUES
      (1::BIGINT, 10::INTEGER, 1.25::DECIMAL(10,2), {'a': 1::INTEGER}),
      (2::BIGINT, (-2147483648)::INTEGER, (-99999999.99)::DECIMAL(10,2), {'a': 2147483647::INTEGER})) v(id, qty, price, meta)`],
  ['orders/2024-02.parquet', `SELECT * FROM (VALUES
      (3::BIGINT, 3000000000::BIGINT, 3.1415::DECIMAL(12,4), 'x', {'a': 30::BIGINT, 'b': 'b3'}),
      (4::BIGINT, NULL::BIGINT, (-0.0001)::DECIMAL(12,4), NULL::VARCHAR, NULL)) v(id, qty, price, note, meta)`],
  ['orders/2024-03.parquet', `SELECT * FROM (VALUES ('late', 5::BIGINT), ('later', 6::BIGINT)) v(note, id)`],
  ['conflict/a.parquet', `SELECT 1::BIGINT AS id, 7::BIGINT AS v`],
  ['conflict/b.parquet', `SELECT 2::BIGINT AS id, 'seven' AS v`],
  ['floats/a.parquet', `SELECT 1::BIGINT AS id, 7::BIGINT AS v`],
  ['floats/b.parquet', `SELECT 2::BIGINT AS id, 7.5::DOUBLE AS v`],
  ['zones/a.parquet', `SELECT 1::BIGINT AS id, TIMESTAMP '2024-01-01 00:00:00' AS t`],
  ['zones/b.parquet', `SELECT 2::BIGINT AS id, TIMESTAMPTZ '2024-01-01 00:00:00+00' AS t`],
  ['cased/a.parquet', `SELECT 1::BIGINT AS id, 'ann' AS "Name"`],
  ['cased/b.parquet', `SELECT 2::BIGINT AS id, 'bob' AS "name"`],
];

const quote = (path) => `'${path.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
for (const [key, query] of objects) {
  const path = join(folder, key);
  mkdirSync(dirname(path), { recursive: true });
  await connection.run(`COPY (${query}) TO ${quote(path)} (FORMAT parquet)`);
}
connection.disconnectSync();
instance.closeSync();
console.log(JSON.stringify({ files: objects.map(([key]) => key) }));
