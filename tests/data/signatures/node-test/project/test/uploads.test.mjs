import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { UploadStore } from '../src/uploads.mjs';

async function tmpdir() {
  return fs.mkdtemp(path.join(os.tmpdir(), 'uploads-'));
}

describe('UploadStore', () => {
  let dir;
  let store;
  beforeEach(async () => { dir = await tmpdir(); store = new UploadStore(dir); });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  test('save returns an id', async () => {
    assert.match(await store.save('invoice-7.pdf', Buffer.from('%PDF')), /^[0-9a-f-]{36}$/);
  });

  test('read returns the saved bytes', async () => {
    const id = await store.save('invoice-8.pdf', Buffer.from('%PDF-1.7'));
    assert.equal((await store.read(id)).toString(), '%PDF-1.7');
  });

  test('meta has the original name', async () => {
    const id = await store.save('photo 1.jpg', Buffer.alloc(10));
    assert.equal(store.meta(id).name, 'photo 1.jpg');
  });

  test('size of a stored upload', async () => {
    const id = await store.save('scan.tiff', Buffer.alloc(2048));
    const meta = store.meta(id);
    assert.equal(meta.size, 2048, `upload ${meta.id} in ${dir}`);
  });
});

describe('UploadStore.open on a fresh directory', () => {
  let dir;
  let store;
  beforeEach(async () => { dir = await tmpdir(); store = await UploadStore.open(dir); });

  test('starts empty', () => {
    assert.equal(store.index.size, 0);
  });

  test('can save right away', async () => {
    assert.ok(await store.save('a.txt', Buffer.from('a')));
  });

  test('reopens what it saved', async () => {
    await store.save('b.txt', Buffer.from('b'));
    const again = await UploadStore.open(dir);
    assert.equal(again.index.size, 1);
  });
});
