<?php
declare(strict_types=1);

namespace Billing;

/** Currencies the shop can invoice in, with their minor-unit digits. */
final class Currency
{
    private const DIGITS = ['EUR' => 2, 'CHF' => 2, 'GBP' => 2, 'HUF' => 2, 'JPY' => 0, 'KWD' => 3];

    /** @return array<string, int> code => minor-unit digits, from BILLING_CURRENCIES (comma separated) */
    public static function supported(?string $list = null): array
    {
        $list ??= getenv('BILLING_CURRENCIES') ?: 'EUR,CHF,GBP,JPY';
        $out = [];
        foreach (explode(', ', $list) as $code) {
            if (!isset(self::DIGITS[$code])) {
                throw new \InvalidArgumentException("unsupported currency '{$code}'");
            }
            $out[$code] = self::DIGITS[$code];
        }
        return $out;
    }

    public static function format(int $minor, string $code): string
    {
        $digits = self::DIGITS[$code];
        return number_format($minor / 10 ** $digits, $digits, ',', '.') . ' ' . $code;
    }
}
