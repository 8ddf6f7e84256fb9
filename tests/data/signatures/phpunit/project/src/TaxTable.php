<?php
declare(strict_types=1);

namespace Billing;

/** VAT rates in basis points by ISO country code. */
final class TaxTable
{
    private const RATES = ['DE' => 1900, 'AT' => 2000, 'FR' => 2000, 'IT' => 2200, 'NL' => 2100, 'PL' => 2300, 'SE' => 2500];

    /** Country codes arrive from checkout forms in any case ("de", "De", "DE"). */
    public function rateFor(string $country): int
    {
        return self::RATES[trim($country)];
    }

    public function grossCents(int $netCents, string $country): int
    {
        return intdiv($netCents * (10000 + $this->rateFor($country)) + 5000, 10000);
    }
}
