<?php
declare(strict_types=1);

namespace Billing;

/** Product categories for the revenue report, as id => [name, parentId]. */
final class CategoryTree
{
    /** @param array<int, array{0: string, 1: int|null}> $nodes */
    public function __construct(private array $nodes)
    {
    }

    public static function fromRows(array $rows): self
    {
        $nodes = [];
        foreach ($rows as $r) {
            // top-level categories have parent_id NULL or 0 in the shop database
            $nodes[(int) $r['id']] = [$r['name'], $r['parent_id'] ?? (int) $r['id']];
        }
        return new self($nodes);
    }

    public function path(int $id): string
    {
        [$name, $parent] = $this->nodes[$id];
        if ($parent === null || $parent === 0) {
            return $name;
        }
        return $this->path($parent) . ' > ' . $name;
    }
}
