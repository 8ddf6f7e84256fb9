<?php
declare(strict_types=1);

namespace Billing\Tests;

use Billing\CartSerializer;
use PHPUnit\Framework\TestCase;

final class CartSerializerTest extends TestCase
{
    private function cart(array $lines): string
    {
        return json_encode(['currency' => 'EUR', 'lines' => $lines], JSON_THROW_ON_ERROR);
    }

    public function testEmptyCart(): void
    {
        self::assertSame(0, (new CartSerializer())->totalCents($this->cart([])));
    }

    public function testSingleLine(): void
    {
        $json = $this->cart([['sku' => 'SKU-1', 'quantity' => 2, 'unit_cents' => 1999]]);
        self::assertSame(3998, (new CartSerializer())->totalCents($json));
    }

    public function testLinesKeepTheirSku(): void
    {
        $json = $this->cart([['sku' => 'SKU-7', 'quantity' => 1, 'unit_cents' => 500]]);
        self::assertSame('SKU-7', (new CartSerializer())->fromJson($json)['lines'][0]['sku']);
    }

    public function testRejectsBrokenJson(): void
    {
        $this->expectException(\JsonException::class);
        (new CartSerializer())->fromJson('{"lines": [');
    }
}
