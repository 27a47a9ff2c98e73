// Drives a CloudQuery plugin with CloudQuery's own generated gRPC client (@cloudquery/plugin-pb-javascript),
// so the end-to-end tests check the plugin against the protocol as CloudQuery ships it, not against our own stubs.
//
// Usage: node client.mjs <target> <step> [<step> …]
//   target: unix:///abs/path.sock or host:port
//   steps (run in order on one channel, as the CLI does; each prints one JSON object per line on stdout):
//     handshake                 GetVersions, GetName, GetVersion, GetSpecSchema (four lines)
//     versions | name | version | schema | close
//     init <spec-json>          Init with the spec bytes
//     test-connection <spec-json>
//     schema-check <cases.json> compiles the GetSpecSchema schema with ajv (draft 2020-12) and validates every case
//     sync                      Sync of every table; each MigrateTable and Insert is decoded with CloudQuery's JS SDK
//                               (decodeTable / decodeRecord) and printed as one line with its columns or rows, a decode
//                               failure as {"sync":"insert","ok":false,"error":"…"}; then one {"rpc":"Sync",…} line
// An RPC that fails is a result ({"ok":false,"code":13,"status":"INTERNAL","details":"…"}), not a crash;
// the exit code is non-zero only for usage errors and unexpected exceptions.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import grpc from '@grpc/grpc-js';
import pb from '@cloudquery/plugin-pb-javascript';
import Ajv2020Module from 'ajv/dist/2020.js';
import { Type } from '@cloudquery/plugin-sdk-javascript/arrow';
import { decodeRecord, decodeTable } from '@cloudquery/plugin-sdk-javascript/schema/table';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;
const plugin = pb.pluginV3.cloudquery.plugin.v3;
const discovery = pb.discovery1.cloudquery.discovery.v1;
const statusNames = Object.fromEntries(Object.entries(grpc.status).map(([name, code]) => [code, name]));
const callTimeoutMs = 60_000;

const [target, ...steps] = process.argv.slice(2);
if (!target || steps.length === 0) {
  process.stderr.write('usage: node client.mjs <unix:///abs/path.sock | host:port> <step> [<step> …]\n');
  process.exit(2);
}

const credentials = grpc.credentials.createInsecure();
const pluginClient = new plugin.PluginClient(target, credentials);
const discoveryClient = new discovery.DiscoveryClient(target, credentials);

function emit(result) {
  process.stdout.write(JSON.stringify(result) + '\n');
}

function call(client, method, request) {
  return new Promise((resolve) => {
    const deadline = new Date(Date.now() + callTimeoutMs);
    client[method](request, new grpc.Metadata(), { deadline }, (error, response) => {
      if (error) {
        resolve({ ok: false, code: error.code, status: statusNames[error.code] ?? String(error.code), details: error.details });
      } else {
        resolve({ ok: true, response });
      }
    });
  });
}

async function rpc(name, client, method, request, describe) {
  const started = performance.now();
  const result = await call(client, method, request);
  const line = { rpc: name, ok: result.ok, ms: Math.round(performance.now() - started) };
  if (result.ok) {
    Object.assign(line, describe(result.response));
  } else {
    Object.assign(line, { code: result.code, status: result.status, details: result.details });
  }
  return line;
}

// Sync is server-streaming: collect the stream into result lines instead of one response.
function syncStream(request, onResponse) {
  return new Promise((resolve) => {
    const deadline = new Date(Date.now() + callTimeoutMs);
    const stream = pluginClient.Sync(request, new grpc.Metadata(), { deadline });
    stream.on('data', onResponse);
    stream.on('error', (error) => resolve({ ok: false, code: error.code, status: statusNames[error.code] ?? String(error.code), details: error.details }));
    stream.on('end', () => resolve({ ok: true }));
  });
}

// A type as text, with what the JS Arrow library's own toString leaves out (a decimal's bit width).
function describeType(type) {
  switch (type.typeId) {
    case Type.Decimal:
      return `Decimal${type.bitWidth}(${type.precision}, ${type.scale})`;
    case Type.List:
    case Type.FixedSizeList:
    case Type.Struct:
    case Type.Map:
      return `${Type[type.typeId]}<${type.children.map((f) => `${f.name}: ${describeType(f.type)}`).join(', ')}>`;
    default:
      return String(type);
  }
}

// A decimal's little-endian two's-complement words as exact decimal text.
function decimalText(words, scale) {
  let unscaled = 0n;
  for (let i = words.length - 1; i >= 0; i--) {
    unscaled = (unscaled << 32n) | BigInt(words[i] >>> 0);
  }
  const bits = BigInt(words.length * 32);
  if (unscaled >> (bits - 1n)) {
    unscaled -= 1n << bits;
  }
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return unscaled < 0n ? `-${text}` : text;
}

// One decoded value as JSON: binary as hex, decimals and 64-bit integers as exact text, nested values recursively.
function plain(value, type) {
  if (value === null || value === undefined) {
    return null;
  }
  switch (type.typeId) {
    case Type.Decimal:
      return decimalText(value, type.scale);
    case Type.Binary:
    case Type.LargeBinary:
    case Type.FixedSizeBinary:
      return Buffer.from(value).toString('hex');
    case Type.List:
    case Type.FixedSizeList:
      return [...value].map((item) => plain(item, type.children[0].type));
    case Type.Struct:
      return Object.fromEntries(type.children.map((f) => [f.name, plain(value[f.name], f.type)]));
    case Type.Map: {
      const [key, item] = type.children[0].type.children;
      return [...value].map(([k, v]) => [plain(k, key.type), plain(v, item.type)]);
    }
    default:
      return typeof value === 'bigint' ? value.toString() : value;
  }
}

function decodeSyncResponse(response) {
  if (response.has_migrate_table) {
    try {
      const table = decodeTable(response.migrate_table.table);
      return {
        sync: 'migrate_table',
        ok: true,
        table: table.name,
        columns: table.columns.map((c) => ({ name: c.name, type: describeType(c.type), not_null: c.notNull })),
      };
    } catch (error) {
      return { sync: 'migrate_table', ok: false, error: String(error?.message ?? error) };
    }
  }
  if (response.has_insert) {
    try {
      const [table, batches] = decodeRecord(response.insert.record);
      const rows = batches.flatMap((batch) => [...batch].map((row) =>
        Object.fromEntries(batch.schema.fields.map((f) => [f.name, plain(row[f.name], f.type)]))));
      return { sync: 'insert', ok: true, table, rows };
    } catch (error) {
      return { sync: 'insert', ok: false, error: String(error?.message ?? error) };
    }
  }
  return { sync: response.message, ok: true };
}

const encoder = new TextEncoder();
const specBytes = (json) => encoder.encode(json);

const handlers = {
  versions: async () => emit(await rpc('GetVersions', discoveryClient, 'GetVersions', new discovery.GetVersions.Request(),
    (r) => ({ versions: [...r.versions] }))),
  name: async () => emit(await rpc('GetName', pluginClient, 'GetName', new plugin.GetName.Request(), (r) => ({ name: r.name }))),
  version: async () => emit(await rpc('GetVersion', pluginClient, 'GetVersion', new plugin.GetVersion.Request(),
    (r) => ({ version: r.version }))),
  schema: async () => emit(await rpc('GetSpecSchema', pluginClient, 'GetSpecSchema', new plugin.GetSpecSchema.Request(),
    (r) => ({ json_schema: r.json_schema }))),
  close: async () => emit(await rpc('Close', pluginClient, 'Close', new plugin.Close.Request(), () => ({}))),
  handshake: async () => {
    for (const step of ['versions', 'name', 'version', 'schema']) {
      await handlers[step]();
    }
  },
  init: async (spec) => emit({
    spec,
    ...await rpc('Init', pluginClient, 'Init',
      new plugin.Init.Request({ spec: specBytes(spec), no_connection: false, invocation_id: 'e2e-invocation' }), () => ({})),
  }),
  'test-connection': async (spec) => emit({
    spec,
    ...await rpc('TestConnection', pluginClient, 'TestConnection', new plugin.TestConnection.Request({ spec: specBytes(spec) }),
      (r) => ({ success: r.success, failure_code: r.failure_code, failure_description: r.failure_description })),
  }),
  sync: async () => {
    const started = performance.now();
    const counts = { migrate_table: 0, insert: 0 };
    const result = await syncStream(new plugin.Sync.Request({ tables: ['*'], skip_tables: [] }), (response) => {
      const line = decodeSyncResponse(response);
      counts[line.sync] = (counts[line.sync] ?? 0) + 1;
      emit(line);
    });
    emit({ rpc: 'Sync', ok: result.ok, ms: Math.round(performance.now() - started), ...counts,
      ...(result.ok ? {} : { code: result.code, status: result.status, details: result.details }) });
  },
  'schema-check': async (casesPath) => {
    const schemaLine = await rpc('GetSpecSchema', pluginClient, 'GetSpecSchema', new plugin.GetSpecSchema.Request(),
      (r) => ({ json_schema: r.json_schema }));
    if (!schemaLine.ok) {
      emit({ check: 'schema-compile', ok: false, error: `GetSpecSchema failed: ${schemaLine.status} ${schemaLine.details}` });
      return;
    }
    let validate;
    try {
      // Ajv's default strict mode (unknown keywords are errors), as a schema consumer would compile it.
      const ajv = new Ajv2020({ allErrors: true });
      addFormats(ajv);
      validate = ajv.compile(JSON.parse(schemaLine.json_schema));
    } catch (error) {
      emit({ check: 'schema-compile', ok: false, error: String(error?.message ?? error) });
      return;
    }
    emit({ check: 'schema-compile', ok: true, ajv: require('ajv/package.json').version });
    const { cases } = JSON.parse(readFileSync(casesPath, 'utf8'));
    for (const c of cases) {
      const valid = validate(c.spec);
      emit({
        check: 'schema',
        case: c.name,
        expected: c.valid,
        valid,
        errors: (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`),
      });
    }
  },
};

const argumentSteps = new Set(['init', 'test-connection', 'schema-check']);

try {
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const handler = handlers[step];
    if (!handler) {
      throw new Error(`unknown step "${step}"; known: ${Object.keys(handlers).join(', ')}`);
    }
    if (argumentSteps.has(step)) {
      if (i + 1 >= steps.length) {
        throw new Error(`step "${step}" needs an argument`);
      }
      await handler(steps[++i]);
    } else {
      await handler();
    }
  }
} catch (error) {
  process.stderr.write(`client.mjs: ${error?.stack ?? error}\n`);
  process.exitCode = 2;
} finally {
  pluginClient.close();
  discoveryClient.close();
}
