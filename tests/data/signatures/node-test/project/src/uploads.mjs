// Attachment uploads stored under one directory, with a JSON manifest.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export class UploadStore {
  constructor(dir) {
    this.dir = dir;
    this.index = new Map(); // upload id -> metadata
  }

  static async open(dir) {
    const store = new UploadStore(dir);
    const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8'));
    for (const meta of manifest.uploads) store.index.set(meta.id, meta);
    return store;
  }

  async save(name, data) {
    const meta = { id: randomUUID(), name, size: data.length, storedAt: Date.now() };
    await fs.writeFile(path.join(this.dir, `${meta.id}-${name}`), data);
    this.index.set(meta.name, meta);
    await this.#writeManifest();
    return meta.id;
  }

  meta(id) {
    return this.index.get(id);
  }

  async read(id) {
    const meta = this.meta(id);
    return fs.readFile(path.join(this.dir, `${meta.id}-${meta.name}`));
  }

  async #writeManifest() {
    const uploads = [...this.index.values()];
    await fs.writeFile(path.join(this.dir, 'manifest.json'), JSON.stringify({ uploads }));
  }
}
