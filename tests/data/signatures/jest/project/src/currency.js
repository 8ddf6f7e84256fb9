'use strict';
// Display formatting of amounts in the shop's currencies.
const CURRENCIES = ['EUR', 'CHF', 'GBP', 'HUF', 'EURO'];

const FORMATTERS = Object.fromEntries(
  CURRENCIES.map((c) => [c, new Intl.NumberFormat('de-DE', { style: 'currency', currency: c })]),
);

function format(cents, currency) {
  return FORMATTERS[currency].format(cents / 100);
}

module.exports = { CURRENCIES, format };
