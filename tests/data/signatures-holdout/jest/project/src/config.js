'use strict';
const fs = require('fs');
const path = require('path');

const KNOWN = new Set(['subscriptions', 'secret', 'secretsFile', 'timeoutMs', 'maxAttempts']);

/** Loads relay config; `secretsFile` is relative to the config file's directory. */
function loadConfig(file) {
  const cfg = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const k of Object.keys(cfg)) {
    if (!KNOWN.has(k)) throw new Error(`unknown config key '${k}' in ${file}`);
  }
  if (cfg.secretsFile) {
    const secrets = JSON.parse(fs.readFileSync(path.resolve(cfg.secretsFile), 'utf8'));
    cfg.secret = secrets.hookSecret;
  }
  return cfg;
}

module.exports = { loadConfig };
