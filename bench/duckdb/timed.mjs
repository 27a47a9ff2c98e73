// What scan.mjs and text.mjs share: a DuckDB in memory, and one aggregate query timed and reported the same way.
import { DuckDBInstance } from '@duckdb/node-api';

export async function open(threads) {
  const instance = await DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  return { instance, connection: await instance.connect() };
}

export function close(instance, connection) {
  connection.disconnectSync();
  instance.closeSync();
}

// Runs sql, which must select count(*) AS row_count, and prints {"rows":N,"seconds":S,"cpu_seconds":C,"threads":T}:
// seconds cover the query alone, cpu_seconds the process's user + system time over it (DuckDB's workers included).
export async function printTimedQuery(connection, sql, threads) {
  const started = process.hrtime.bigint();
  const cpuBefore = process.cpuUsage();
  const reader = await connection.runAndReadAll(sql);
  const cpu = process.cpuUsage(cpuBefore);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const [first] = reader.getRowObjectsJson();
  console.log(JSON.stringify({ rows: Number(first.row_count), seconds, cpu_seconds: (cpu.user + cpu.system) / 1e6, threads: Number(threads) }));
}
