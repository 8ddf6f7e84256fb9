import { expect } from 'chai';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Outbox } from '../src/outbox.js';

const tmp = () => fs.mkdtemp(path.join(os.tmpdir(), 'outbox-'));

describe('Outbox', () => {
  let outbox;
  before(async () => { outbox = await Outbox.open(await tmp()); });
  after(() => outbox?.close());

  it('adds a notification', async () => {
    expect(await outbox.add({ user: 'ann', type: 'shipped' })).to.match(/^[0-9a-f-]{36}$/);
  });

  it('lists pending notifications', async () => {
    expect(await outbox.pending()).to.have.length(1);
  });
});

describe('Outbox per test', () => {
  let outbox;
  beforeEach(async () => { outbox = await Outbox.open(await tmp()); });
  afterEach(() => outbox?.close());

  it('starts empty', async () => {
    expect(await outbox.pending()).to.deep.equal([]);
  });
});

describe('Delivery loop', () => {
  let outbox;
  before(async () => { outbox = await Outbox.open(await tmp()); });

  it('drains the outbox', async () => {
    await outbox.add({ user: 'bob', type: 'welcome' });
    expect(await outbox.pending()).to.have.length(1);
  });
});
