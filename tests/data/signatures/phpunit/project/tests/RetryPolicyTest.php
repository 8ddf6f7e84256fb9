<?php
declare(strict_types=1);

namespace Billing\Tests;

use Billing\RetryPolicy;
use PHPUnit\Framework\TestCase;

/** @small */
final class RetryPolicyTest extends TestCase
{
    public function testDoublingSchedule(): void
    {
        self::assertSame([100, 200, 400, 800, 1600, 3200], (new RetryPolicy(100, 2.0, 10_000))->schedule());
    }

    public function testImmediateFirstRetry(): void
    {
        $delays = (new RetryPolicy(0, 2.0, 5_000))->schedule();
        self::assertSame(0, $delays[0]);
    }

    public function testImmediateRetriesWithinBudget(): void
    {
        self::assertLessThanOrEqual(1_000, array_sum((new RetryPolicy(0, 1.5, 1_000))->schedule()));
    }
}
