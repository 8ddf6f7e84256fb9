import { expect } from 'chai';
import { Mailer } from '../src/mailer.js';
import { startSmtp } from './support/smtp-server.js';

describe('Mailer', function () {
  this.timeout(500);
  let relay;
  let mailer;

  before(async () => {
    relay = await startSmtp();
    mailer = new Mailer({ port: relay.port });
  });

  after(() => relay.close());

  it('sends to one recipient', async () => {
    await mailer.send({ from: 'shop@example.test', to: 'ann@example.test', subject: 'Hi', body: 'Hello Ann' });
    expect(relay.messages.at(-1).rcpt).to.deep.equal(['ann@example.test']);
  });

  it('sends to two recipients', async () => {
    await mailer.send({
      from: 'shop@example.test', to: ['ann@example.test', 'bob@example.test'], subject: 'Team', body: 'Hello',
    });
    expect(relay.messages.at(-1).rcpt).to.have.length(2);
  });

  it('sends an order copy to the warehouse', async () => {
    await mailer.send({
      from: 'shop@example.test', to: ['orders@example.test', 'warehouse@example.test'], subject: 'Order', body: 'x',
    });
  });

  it('sends to a distribution list', async () => {
    const to = ['a@example.test', 'b@example.test', 'c@example.test'];
    await mailer.send({ from: 'shop@example.test', to, subject: 'Sale', body: 'Everything -20%' });
    expect(relay.messages.at(-1).rcpt).to.deep.equal(to);
  });

  it('sends a multi-line body', async () => {
    await mailer.send({
      from: 'shop@example.test', to: 'bob@example.test', subject: 'Receipt', body: 'Line 1\nLine 2\n',
    });
    expect(relay.messages.at(-1).data).to.include('Line 2');
  });

  it('sends a rendered template ending in a newline', async () => {
    await mailer.send({
      from: 'shop@example.test', to: 'cem@example.test', subject: 'Shipped', body: 'Your order has shipped.\n',
    });
  });
});
