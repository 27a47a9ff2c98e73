// The text side of the benchmark (issue #20), with the same DuckDB as scan.mjs.
//
// node text.mjs write <parquet folder> <out folder> csv|csv.gz|jsonl
//   Writes every .parquet file under the folder as one text file under <out folder>, at the same relative path with
//   the format's extension: DuckDB's COPY with its defaults (CSV with a header row; JSON Lines, one object a line).
//   The data sets of the text scenarios are DuckDB's own output, so neither side reads a dialect written for it.
//
// node text.mjs scan csv|jsonl '<glob>' [threads]
//   A full scan with read_csv / read_json (.gz files decompressed by extension), one aggregate per column, and one
//   JSON line {"rows":N,"seconds":S,"cpu_seconds":C,"threads":T} over the query alone, exactly as scan.mjs prints it.
import { readdirSync, mkdirSync } from 'node:fs';
import { join, relative, dirname } from 'node:path';
import { open, close, printTimedQuery } from './timed.mjs';

const formats = {
  csv: { extension: '.csv', copy: 'FORMAT csv, HEADER true' },
  'csv.gz': { extension: '.csv.gz', copy: 'FORMAT csv, HEADER true, COMPRESSION gzip' },
  jsonl: { extension: '.jsonl', copy: 'FORMAT json' },
};

const readers = {
  csv: (glob) => `read_csv(${literal(glob)})`,
  jsonl: (glob) => `read_json(${literal(glob)}, format = 'newline_delimited')`,
};

const [command, ...rest] = process.argv.slice(2);
if (command === 'write' && rest.length === 3 && formats[rest[2]]) {
  await write(rest[0], rest[1], formats[rest[2]]);
} else if (command === 'scan' && rest.length >= 2 && readers[rest[0]]) {
  await scan(readers[rest[0]](rest[1]), rest[2] ?? '2');
} else {
  console.error("usage: node text.mjs write <parquet folder> <out folder> csv|csv.gz|jsonl\n       node text.mjs scan csv|jsonl '<glob>' [threads]");
  process.exit(2);
}

async function write(input, output, format) {
  const { instance, connection } = await open();
  // Timestamps with a time zone are written in the session's zone: UTC, whatever the machine's zone is.
  await connection.run("SET TimeZone = 'UTC'");
  for (const file of parquetFiles(input)) {
    const target = join(output, relative(input, file).replace(/\.parquet$/, format.extension));
    mkdirSync(dirname(target), { recursive: true });
    await connection.run(`COPY (SELECT * FROM read_parquet(${literal(file)})) TO ${literal(target)} (${format.copy})`);
  }

  close(instance, connection);
}

async function scan(source, threads) {
  const { instance, connection } = await open(threads);
  // The columns and their types come from DuckDB's own detection (its CSV sniffer, its JSON sampling), read before
  // the timed query: every column is then aggregated by what it holds, so each one is parsed.
  const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJson();
  const aggregates = columns.flatMap(({ column_name: name, column_type: type }) => aggregate(quote(name), String(type)));
  const sql = `SELECT count(*) AS row_count, ${aggregates.join(', ')} FROM ${source}`;

  await printTimedQuery(connection, sql, threads);
  close(instance, connection);
}

// As scan.mjs: sums of numbers, a count of the true values, the length of every list, min and max of the rest.
function aggregate(column, type) {
  if (type.endsWith('[]')) {
    return [`sum(len(${column}))`];
  }

  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL)/.test(type)) {
    return [`sum(${column})`];
  }

  if (type === 'BOOLEAN') {
    return [`count_if(${column})`];
  }

  return [`min(${column})`, `max(${column})`];
}

function parquetFiles(folder) {
  return readdirSync(folder, { recursive: true })
    .filter((name) => name.endsWith('.parquet'))
    .map((name) => join(folder, name))
    .sort();
}

function literal(text) {
  return `'${text.replaceAll("'", "''")}'`;
}

function quote(name) {
  return `"${name.replaceAll('"', '""')}"`;
}
