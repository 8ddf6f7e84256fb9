<?php
declare(strict_types=1);

namespace Billing;

/** Reads carts posted by the storefront: {"currency":..,"lines":[{"sku":..,"quantity":..,"unit_cents":..}]} */
final class CartSerializer
{
    /** @return array{currency: string, lines: list<array{sku: string, qty: int, unitCents: int}>} */
    public function fromJson(string $json): array
    {
        $data = json_decode($json, true, 16, JSON_THROW_ON_ERROR);
        $lines = [];
        foreach ($data['lines'] as $line) {
            $lines[] = ['sku' => $line['sku'], 'qty' => (int) $line['qty'], 'unitCents' => (int) $line['unit_cents']];
        }
        return ['currency' => $data['currency'] ?? 'EUR', 'lines' => $lines];
    }

    public function totalCents(string $json): int
    {
        $total = 0;
        foreach ($this->fromJson($json)['lines'] as $l) {
            $total += $l['qty'] * $l['unitCents'];
        }
        return $total;
    }
}
