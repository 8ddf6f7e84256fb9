<?php
declare(strict_types=1);

namespace Billing\Tests;

use Billing\Currency;
use PHPUnit\Framework\TestCase;

final class CurrencyTest extends TestCase
{
    /** @return array<string, array{string, int}> one data set per configured currency */
    public static function configuredCurrencies(): array
    {
        $sets = [];
        foreach (Currency::supported() as $code => $digits) {
            $sets[$code] = [$code, $digits];
        }
        return $sets;
    }

    /** @dataProvider configuredCurrencies */
    public function testFormatsOneMajorUnit(string $code, int $digits): void
    {
        self::assertStringStartsWith('1', Currency::format(10 ** $digits, $code));
    }

    /** @dataProvider configuredCurrencies */
    public function testFormatsZero(string $code, int $digits): void
    {
        self::assertStringEndsWith(" {$code}", Currency::format(0, $code));
    }

    public function testFormatsYenWithoutDecimals(): void
    {
        self::assertSame('1.500 JPY', Currency::format(1500, 'JPY'));
    }
}
