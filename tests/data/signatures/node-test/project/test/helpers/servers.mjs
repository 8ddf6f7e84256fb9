import http from 'node:http';

// Starts a real HTTP server on 127.0.0.1:<ephemeral port>.
export async function startServer(handler) {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref(); // never keep the test process alive
  const { port } = server.address();
  server.url = `http://127.0.0.1:${port}`;
  server.closeNow = () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); });
  return server;
}

export function readBody(req) {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c) => { data += c; });
    req.on('end', () => resolve(data));
  });
}
