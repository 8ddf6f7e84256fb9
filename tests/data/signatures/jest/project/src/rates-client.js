'use strict';
// Client for the exchange-rate service.
class RatesClient {
  constructor(baseUrl) {
    this.baseUrl = baseUrl.endsWith('/') ? baseUrl.slice(0, -1) : baseUrl;
    this.connected = false;
  }

  async connect() {
    const res = await fetch(`${this.baseUrl}healthz`);
    if (!res.ok) throw new Error(`rates service at ${this.baseUrl} unhealthy: ${res.status}`);
    this.connected = true;
    return this;
  }

  async rate(from, to) {
    const res = await fetch(`${this.baseUrl}/v1/rates?from=${from}&to=${to}`);
    const body = await res.json();
    return body.rate;
  }

  async convert(cents, from, to) {
    return Math.round(cents * (await this.rate(from, to)));
  }
}

module.exports = { RatesClient };
