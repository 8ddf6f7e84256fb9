<?php
declare(strict_types=1);

namespace Billing\Tests;

use Billing\FileLock;
use PHPUnit\Framework\TestCase;

final class FileLockTest extends TestCase
{
    private FileLock $lock;

    protected function setUp(): void
    {
        $this->lock = new FileLock(tempnam(sys_get_temp_dir(), 'invoice-run-'));
    }

    protected function tearDown(): void
    {
        $this->lock->release();
    }

    public function testLockFileHoldsOurPid(): void
    {
        self::assertSame((string) getmypid(), file_get_contents($this->lock->path()));
    }

    public function testSecondLockIsRefused(): void
    {
        $this->expectException(\RuntimeException::class);
        new FileLock(substr($this->lock->path(), 0, -5));
    }

    public function testLockPathEndsInLock(): void
    {
        self::assertStringEndsWith('.lock', $this->lock->path());
    }
}
