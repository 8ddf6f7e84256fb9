// File-backed outbox: notifications waiting for delivery, one JSON line each.
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

export class Outbox {
  constructor(file, handle) {
    this.file = file;
    this.handle = handle;
  }

  static async open(dir) {
    const file = path.join(dir, 'outbox.db');
    const handle = await fs.open(file, 'r+');
    return new Outbox(file, handle);
  }

  async add(notification) {
    const entry = { id: randomUUID(), queuedAt: Date.now(), ...notification };
    await this.handle.appendFile(`${JSON.stringify(entry)}\n`);
    return entry.id;
  }

  async pending() {
    const text = await fs.readFile(this.file, 'utf8');
    return text.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  }

  close() {
    return this.handle.close();
  }
}
