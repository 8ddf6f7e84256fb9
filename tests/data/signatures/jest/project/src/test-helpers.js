'use strict';
const http = require('node:http');

exports.startServer = async (handler) => {
  const server = http.createServer(handler);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.url = `http://127.0.0.1:${server.address().port}/`;
  server.stop = () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); });
  return server;
};

exports.waitFor = async (cond, { timeoutMs = 500, stepMs = 5 } = {}) => {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
};

exports.sleep = (ms) => new Promise((r) => setTimeout(r, ms));
