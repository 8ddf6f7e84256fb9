<?php
declare(strict_types=1);

namespace Billing\Tests;

use Billing\InvoiceArchive;
use PHPUnit\Framework\TestCase;

final class InvoiceArchiveTest extends TestCase
{
    private string $root;
    private InvoiceArchive $archive;

    protected function setUp(): void
    {
        $this->root = sys_get_temp_dir() . '/archive-' . bin2hex(random_bytes(4));
        mkdir($this->root);
        $this->archive = new InvoiceArchive($this->root);
    }

    public function testStoresAnInvoice(): void
    {
        $path = $this->archive->store('INV-2024-0100', '%PDF-1.7');
        self::assertFileExists($path);
    }

    public function testKnowsStoredInvoices(): void
    {
        $this->archive->store('INV-2024-0101', '%PDF-1.7');
        self::assertTrue($this->archive->has('INV-2024-0101'));
    }

    public function testUnknownInvoice(): void
    {
        self::assertFalse($this->archive->has('INV-1999-0001'));
    }
}
