// An independent Open Inference Protocol client: @grpc/grpc-js with @grpc/proto-loader reading KServe's proto.
// Usage: node kserve-grpc-client.cjs NODE_MODULES TARGET PROTO_FILE
// Prints the same JSON shape as kserve_grpc_client.py; GrpcNodeClientTests asserts on it.
const path = require('path');
const [modules, target, protoFile] = process.argv.slice(2);
const grpc = require(path.join(modules, '@grpc/grpc-js'));
const loader = require(path.join(modules, '@grpc/proto-loader'));

const def = loader.loadSync(protoFile, { keepCase: true, longs: Number, enums: String, defaults: true, oneofs: true });
const inference = grpc.loadPackageDefinition(def).inference;
const client = new inference.GRPCInferenceService(target, grpc.credentials.createInsecure());

const call = (method, request, metadata) => new Promise((resolve, reject) =>
  client[method](request, metadata || new grpc.Metadata(), (err, res) => (err ? reject(err) : resolve(res))));
const codeName = (code) => Object.keys(grpc.status).find((k) => grpc.status[k] === code);
const codeOf = async (fn) => {
  try { await fn(); return 'OK'; } catch (e) { return `${codeName(e.code)}: ${e.details}`; }
};

(async () => {
  const out = {};
  out.live = (await call('ServerLive', {})).live;
  out.ready = (await call('ServerReady', {})).ready;
  const meta = await call('ServerMetadata', {});
  out.server = { name: meta.name, extensions: meta.extensions };
  out.model_ready = (await call('ModelReady', { name: 'example-linear' })).ready;
  out.broken_ready = (await call('ModelReady', { name: 'broken' })).ready;
  const m = await call('ModelMetadata', { name: 'example-linear' });
  const spec = (t) => [t.name, t.datatype, t.shape];
  out.metadata = { name: m.name, platform: m.platform, versions: m.versions, inputs: m.inputs.map(spec), outputs: m.outputs.map(spec) };

  const features = [0.5, -1.0, 2.0, 0.25, 1.0, 1.0, -0.5, 3.0];
  const md = new grpc.Metadata();
  md.set('x-request-id', 'node-req-1');
  let r = await call('ModelInfer', {
    model_name: 'example-linear', id: 'py-1',
    inputs: [{ name: 'input', datatype: 'FP32', shape: [2, 4], contents: { fp32_contents: features } }],
  }, md);
  const outputs = {};
  for (const o of r.outputs) {
    outputs[o.name] = { datatype: o.datatype, shape: o.shape, fp32: o.contents ? o.contents.fp32_contents : [], int64: o.contents ? o.contents.int64_contents : [] };
  }
  out.infer_contents = { id: r.id, model_name: r.model_name, model_version: r.model_version, outputs, raw_count: r.raw_output_contents.length };

  const rawIn = Buffer.alloc(32);
  features.forEach((f, i) => rawIn.writeFloatLE(f, 4 * i));
  r = await call('ModelInfer', {
    model_name: 'example-linear',
    inputs: [{ name: 'input', datatype: 'FP32', shape: [2, 4] }],
    outputs: [{ name: 'probabilities' }],
    raw_input_contents: [rawIn],
  });
  const blob = r.raw_output_contents[0];
  const values = [];
  for (let i = 0; i < blob.length / 4; i++) values.push(blob.readFloatLE(4 * i));
  out.infer_raw = {
    names: r.outputs.map((o) => o.name), datatype: r.outputs[0].datatype, shape: r.outputs[0].shape, values,
    contents_empty: !r.outputs[0].contents || r.outputs[0].contents.fp32_contents.length === 0,
  };

  const v1 = { model_name: 'echo', inputs: [{ name: 'input', datatype: 'BYTES', shape: [1], contents: { bytes_contents: [Buffer.from(JSON.stringify({ page_id: 5355, lang: 'en' }))] } }] };
  r = await call('ModelInfer', v1);
  out.v1_contents = { name: r.outputs[0].name, datatype: r.outputs[0].datatype, json: JSON.parse(r.outputs[0].contents.bytes_contents[0].toString('utf8')) };

  const body = Buffer.from(JSON.stringify({ lang: 'ünï' }));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(body.length, 0);
  r = await call('ModelInfer', { model_name: 'echo', inputs: [{ name: 'input', datatype: 'BYTES', shape: [1] }], raw_input_contents: [Buffer.concat([len, body])] });
  const b = r.raw_output_contents[0];
  const n = b.readUInt32LE(0);
  out.v1_raw = { length_ok: n === b.length - 4, json: JSON.parse(b.subarray(4, 4 + n).toString('utf8')) };

  const fp32 = (extra) => ({ model_name: 'example-linear', inputs: [{ name: 'input', datatype: 'FP32', shape: [1, 4] }], ...extra });
  const echoBytes = (s) => ({ model_name: 'echo', inputs: [{ name: 'input', datatype: 'BYTES', shape: [1], contents: { bytes_contents: [Buffer.from(s)] } }] });
  out.errors = {
    datatype: await codeOf(() => call('ModelInfer', { model_name: 'example-linear', inputs: [{ name: 'input', datatype: 'INT32', shape: [1, 4], contents: { int_contents: [1, 2, 3, 4] } }] })),
    raw_count: await codeOf(() => call('ModelInfer', fp32({ raw_input_contents: [Buffer.alloc(16), Buffer.alloc(16)] }))),
    raw_size: await codeOf(() => call('ModelInfer', fp32({ raw_input_contents: [Buffer.alloc(15)] }))),
    not_json: await codeOf(() => call('ModelInfer', echoBytes('{"fail"'))),
    unknown_model: await codeOf(() => call('ModelInfer', { model_name: 'nope' })),
    unknown_ready: await codeOf(() => call('ModelReady', { name: 'nope' })),
    not_ready: await codeOf(() => call('ModelInfer', { model_name: 'broken' })),
    internal: await codeOf(() => call('ModelInfer', echoBytes('{"fail": 1}'))),
    unimplemented: await codeOf(() => new Promise((resolve, reject) => client.makeUnaryRequest(
      '/inference.GRPCInferenceService/ModelStreamInfer', () => Buffer.alloc(0), (x) => x, {},
      (err, res) => (err ? reject(err) : resolve(res))))),
  };

  out.unload = (await call('RepositoryModelUnload', { model_name: 'echo' })).isUnloaded;
  out.after_unload = await codeOf(() => call('ModelInfer', v1));
  out.load = (await call('RepositoryModelLoad', { model_name: 'echo' })).isLoaded;
  out.after_load = JSON.parse((await call('ModelInfer', v1)).outputs[0].contents.bytes_contents[0].toString('utf8'));
  console.log(JSON.stringify(out));
  client.close();
})().catch((e) => { console.error(e); process.exit(1); });
