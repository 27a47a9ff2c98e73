// The decode baseline: a full DuckDB scan of the bench's Parquet files, touching every column.
// Usage: node scan.mjs '<glob of .parquet files>' [threads]
// Prints one JSON line {"rows":N,"seconds":S,"cpu_seconds":C,"threads":T}; seconds cover the query alone (not node or
// DuckDB start), the same span the harness times for the plugin (Init + Sync, not process start); cpu_seconds is the
// process's user + system time over that span, DuckDB's worker threads included.
import { open, close, printTimedQuery } from './timed.mjs';

const [glob, threads = '2'] = process.argv.slice(2);
if (!glob) {
  console.error('usage: node scan.mjs <glob> [threads]');
  process.exit(2);
}

const { instance, connection } = await open(threads);
// One aggregate per column, so each column is read and decoded; list_sum walks every list element.
const sql = `
  SELECT count(*) AS row_count,
         sum(id), min(quantity), max(quantity), sum(price), count_if(flag),
         min(category), max(category), min(user_id), max(user_id),
         min(event_time), max(event_time), min(event_date), max(event_date),
         sum(amount), sum(score), count(score), sum(list_sum(tags))
  FROM read_parquet('${glob.replaceAll("'", "''")}')`;

await printTimedQuery(connection, sql, threads);
close(instance, connection);
