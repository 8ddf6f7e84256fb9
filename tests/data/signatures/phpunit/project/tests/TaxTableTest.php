<?php
declare(strict_types=1);

namespace Billing\Tests;

use Billing\TaxTable;
use PHPUnit\Framework\TestCase;

final class TaxTableTest extends TestCase
{
    /** @return array<string, array{string, int, int}> */
    public static function countries(): array
    {
        return [
            'upper case DE' => ['DE', 10000, 11900],
            'lower case de' => ['de', 10000, 11900],
            'mixed case At' => ['At', 4999, 5999],
            'padded fr' => [' fr ', 1250, 1500],
            'lower case nl' => ['nl', 899, 1088],
            'lower case se' => ['se', 100, 125],
            'upper case PL' => ['PL', 1000, 1230],
        ];
    }

    /** @dataProvider countries */
    public function testGrossCents(string $country, int $net, int $gross): void
    {
        self::assertSame($gross, (new TaxTable())->grossCents($net, $country));
    }
}
