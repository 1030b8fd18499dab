// Calls a LiftWing server with the official `openai` npm client, unchanged, and prints what it got as JSON.
// Usage: node openai-embeddings.cjs <openai package dir> <base URL ending in /openai/v1> <model>
const { OpenAI } = require(process.argv[2]);
const [baseURL, model] = process.argv.slice(3);

async function main() {
  const client = new OpenAI({ baseURL, apiKey: 'not-needed', maxRetries: 0, timeout: 60_000 });
  const out = {};
  // No encoding_format: the client asks for base64 and decodes it into floats itself.
  const batch = await client.embeddings.create({ model, input: ['A cat sits on the mat', 'A kitten is on the rug'] });
  out.defaultFormat = { model: batch.model, object: batch.object, usage: batch.usage, data: batch.data.map(d => ({ index: d.index, object: d.object, embedding: Array.from(d.embedding) })) };
  const single = await client.embeddings.create({ model, input: 'This is an example sentence', encoding_format: 'float' });
  out.float = { usage: single.usage, embedding: single.data[0].embedding };
  const models = await client.models.list();
  out.models = models.data.map(m => m.id);
  const errors = {};
  for (const [name, body] of Object.entries({
    dimensions: { model, input: 'x', dimensions: 128 },
    unknownModel: { model: 'no-such-model', input: 'x' },
    tokens: { model, input: [[101, 2023]] },
  })) {
    try {
      await client.embeddings.create(body);
      errors[name] = { status: 0 };
    } catch (e) {
      errors[name] = { status: e.status, type: e.constructor.name, message: e.message };
    }
  }
  out.errors = errors;
  process.stdout.write(JSON.stringify(out));
}

main().catch(e => { console.error(e); process.exit(1); });
