'use strict';
// VAT by destination country, in percent.
const RATES = { DE: 19, AT: 20, FR: 20, IT: 22, NL: 21, LU: 17, HU: 27, CH: 8.1 };

function rateFor(country) {
  const rate = RATES[country];
  if (rate === undefined) throw new RangeError(`no VAT rate for ${country}`);
  return rate;
}

// Gross amount in cents for a net amount in cents, rounded half-up to the cent.
function grossCents(netCents, country) {
  return Math.floor((netCents * (100 + rateFor(country))) / 100);
}

function invoiceTotals(lines, country) {
  const net = lines.reduce((s, l) => s + l.qty * l.unitCents, 0);
  const gross = grossCents(net, country);
  return { net, vat: gross - net, gross };
}

module.exports = { RATES, rateFor, grossCents, invoiceTotals };
