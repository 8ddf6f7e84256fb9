'use strict';
const http = require('http');
const { randomUUID } = require('crypto');

/** A local subscriber endpoint that records what it receives. */
async function startSubscriber() {
  const hits = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      hits.push({ path: req.url, headers: req.headers, body });
      if (req.url.startsWith('/hang')) return; // never answers
      if (req.url.startsWith('/fail')) { res.statusCode = 503; return res.end('busy'); }
      res.end('ok');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return {
    hits,
    url: (p) => base + p,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

function makeEvent(topic, data) {
  return { id: randomUUID(), topic, ts: Date.now(), data };
}

module.exports = { startSubscriber, makeEvent };
