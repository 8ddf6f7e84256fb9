// In-memory order book.
import { randomUUID } from 'node:crypto';

export class OrderBook {
  constructor() {
    this.orders = [];
  }

  place(customer, lines) {
    const order = {
      id: randomUUID(),
      customer,
      lines,
      placedAt: Date.now(),
      seq: this.orders.length + 1,
      total: lines.reduce((s, l) => s + l.qty * l.priceCents, 0),
    };
    this.orders.push(order);
    return order;
  }

  byCustomer(customer) {
    return this.orders.filter((o) => o.customer === customer).sort((a, b) => a.seq - b.seq);
  }

  latest(customer) {
    const mine = this.byCustomer(customer);
    return mine[mine.length];
  }

  latestId(customer) {
    return this.latest(customer).id;
  }

  reorder(customer) {
    const last = this.latest(customer);
    return this.place(customer, last.lines.map((l) => ({ ...l })));
  }
}
