// Serves the harness and forwards /api/plugin-proxy/aiops-operations-app/aiops/* to a real AiOps host, adding
// the API key as Grafana's plugin proxy does. Usage: node harness/serve.mjs <aiops-url> [port] (key: AIOPS_API_KEY).
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'harness-dist');
const proxyPrefix = '/api/plugin-proxy/aiops-operations-app/aiops';

export function serve(target, port = 0) {
  const server = http.createServer(async (req, res) => {
    if (req.url.startsWith(proxyPrefix)) {
      const body = await new Promise((resolve) => {
        const chunks = [];
        req.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      });
      const headers = { 'content-type': req.headers['content-type'] ?? 'application/json' };
      if (process.env.AIOPS_API_KEY) {
        headers.authorization = `Bearer ${process.env.AIOPS_API_KEY}`;
      }
      const upstream = await fetch(target + req.url.slice(proxyPrefix.length), { method: req.method, headers, body: body.length ? body : undefined });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
      return;
    }
    const file = req.url.startsWith('/harness.js') ? 'harness.js' : 'index.html';
    res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    res.end(await readFile(path.join(root, file)));
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await serve(process.argv[2] ?? 'http://127.0.0.1:8080', Number(process.argv[3] ?? 3001));
  console.log(`harness on http://127.0.0.1:${server.address().port}/a/aiops-operations-app/incidents`);
}
