'use strict';
const http = require('http');
const { sign, encodeBody } = require('./signature');

/**
 * POST one event to one subscriber. Resolves {status, ms}; rejects on network
 * error or when the subscriber does not answer within timeoutMs.
 */
function deliver(sub, event, { secret, timeoutMs = 2000 } = {}) {
  const body = encodeBody(event);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const req = http.request(sub.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-hook-id': event.id,
        'x-hook-signature': sign(secret, event),
      },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, ms: Date.now() - started }));
    });
    req.on('timeout', () => {
      req.destroy(new Error(`subscriber ${sub.url} did not answer within ${timeoutMs} ms (event ${event.id})`));
    });
    req.on('error', reject);
    req.end(body);
  });
}

module.exports = { deliver };
