// Client for the inventory service's HTTP API.
import { randomBytes } from 'node:crypto';

export class StockClient {
  constructor(baseUrl, { timeoutMs = 2000 } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.timeoutMs = timeoutMs;
  }

  async quantity(sku) {
    const reqId = randomBytes(3).toString('hex');
    const url = `${this.baseUrl}/stock/${sku}`;
    const res = await fetch(url, {
      headers: { 'x-request-id': reqId },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!res.ok) {
      throw new Error(`GET ${url} failed: ${res.status} ${res.statusText} [req ${reqId}]`);
    }
    const body = await res.json();
    return body.qty;
  }
}
