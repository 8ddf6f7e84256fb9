<?php
declare(strict_types=1);

namespace Billing\Tests;

use Billing\CategoryTree;
use PHPUnit\Framework\TestCase;

/** Category rows come from the shop database; each test runs in its own PHP process. */
final class CategoryTreeTest extends TestCase
{
    private const ROWS = [
        ['id' => 1, 'name' => 'Tools', 'parent_id' => null],
        ['id' => 2, 'name' => 'Drills', 'parent_id' => 1],
        ['id' => 3, 'name' => 'Cordless', 'parent_id' => 2],
        ['id' => 4, 'name' => 'Garden', 'parent_id' => 0],
    ];

    /** @runInSeparateProcess */
    public function testPathOfANestedCategory(): void
    {
        self::assertSame('Tools > Drills > Cordless', CategoryTree::fromRows(self::ROWS)->path(3));
    }

    /** @runInSeparateProcess */
    public function testPathOfATopLevelCategory(): void
    {
        self::assertSame('Tools', CategoryTree::fromRows(self::ROWS)->path(1));
    }

    /** @runInSeparateProcess */
    public function testTopLevelWithZeroParent(): void
    {
        self::assertSame('Garden', CategoryTree::fromRows(self::ROWS)->path(4));
    }
}
