'use strict';
const crypto = require('crypto');

function canonical(value) {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.keys(value).sort().reduce((acc, k) => {
      acc[k] = canonical(value[k]);
      return acc;
    }, {});
  }
  return value;
}

/** Serialised request body for an event, as sent on the wire. */
function encodeBody(event) {
  return JSON.stringify(event);
}

/** HMAC-SHA256 over the exact bytes the subscriber receives. */
function sign(secret, event) {
  const payload = JSON.stringify(canonical(event));
  return 'sha256=' + crypto.createHmac('sha256', secret).update(payload).digest('hex');
}

function verify(secret, rawBody, header) {
  const expected = 'sha256=' + crypto.createHmac('sha256', secret).update(rawBody).digest('hex');
  return expected === header;
}

module.exports = { sign, verify, encodeBody, canonical };
