'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { randomUUID } = require('crypto');
const { loadConfig } = require('../src/config');

let dir;
beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'relaycfg-')); });
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeConfig(cfg, secret) {
  let secretsFile;
  if (secret) {
    secretsFile = `secrets-${randomUUID().slice(0, 8)}.json`;
    fs.writeFileSync(path.join(dir, secretsFile), JSON.stringify({ hookSecret: secret }));
  }
  const file = path.join(dir, 'relay.json');
  fs.writeFileSync(file, JSON.stringify({ ...cfg, ...(secretsFile ? { secretsFile } : {}) }));
  return file;
}

describe('config loading', () => {
  test('inline secret is used as is', () => {
    expect(loadConfig(writeConfig({ secret: 'inline-1', subscriptions: [] })).secret).toBe('inline-1');
  });

  test('rejects unknown keys', () => {
    expect(() => loadConfig(writeConfig({ secrte: 'x' }))).toThrow(/unknown config key 'secrte'/);
  });

  test('secretsFile is read next to the config file', () => {
    expect(loadConfig(writeConfig({ subscriptions: [] }, 'whsec_from_file')).secret).toBe('whsec_from_file');
  });

  test('secretsFile wins over inline secret', () => {
    expect(loadConfig(writeConfig({ secret: 'inline-2' }, 'whsec_file_2')).secret).toBe('whsec_file_2');
  });

  test('reload picks up a rotated secret', () => {
    const first = loadConfig(writeConfig({}, 'whsec_old')).secret;
    const second = loadConfig(writeConfig({}, 'whsec_new')).secret;
    expect([first, second]).toEqual(['whsec_old', 'whsec_new']);
  });
});
