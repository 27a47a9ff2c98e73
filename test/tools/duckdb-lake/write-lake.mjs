// Writes the data-lake tests' hive-partitioned tables with DuckDB, the way users' producers write them.
// Usage: node write-lake.mjs <folder>
// Writes <folder>/sales (PARTITION_BY (year, month): 2023/1..2024/3 as DuckDB names them, e.g.
// sales/year=2023/month=1/data_0.parquet) and <folder>/events (PARTITION_BY (dt), including a city partition
// value that needs URL encoding and a null one). Prints one JSON line {"files": [relative paths]}.
import { DuckDBInstance } from '@duckdb/node-api';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const [folder] = process.argv.slice(2);
if (!folder) {
  console.error('usage: node write-lake.mjs <folder>');
  process.exit(2);
}

const quote = (path) => `'${path.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const connection = await instance.connect();
// sales: 15 months × 4 rows; id = month index * 10 + row, amount = id * 1.5, so every row's values follow from id.
await connection.run(`
  COPY (
    SELECT (m * 10 + r)::BIGINT AS id, ((m * 10 + r) * 1.5)::DOUBLE AS amount,
           (2023 + m // 12)::INTEGER AS year, (m % 12 + 1)::INTEGER AS month
    FROM range(0, 15) t(m), range(0, 4) u(r)
  ) TO ${quote(join(folder, 'sales'))} (FORMAT parquet, PARTITION_BY (year, month))`);
// events: two days and three cities; the null city lands in __HIVE_DEFAULT_PARTITION__.
await connection.run(`
  COPY (
    SELECT * FROM (VALUES
      (1::BIGINT, 'a', DATE '2024-01-01', 'São Paulo'),
      (2::BIGINT, 'b', DATE '2024-01-01', 'Berlin'),
      (3::BIGINT, 'c', DATE '2024-01-02', 'São Paulo'),
      (4::BIGINT, 'd', DATE '2024-01-02', NULL)
    ) v(id, name, dt, city)
  ) TO ${quote(join(folder, 'events'))} (FORMAT parquet, PARTITION_BY (dt, city))`);
connection.disconnectSync();
instance.closeSync();

const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else files.push(relative(folder, path).split('\\').join('/'));
  }
};
walk(folder);
console.log(JSON.stringify({ files: files.sort() }));
