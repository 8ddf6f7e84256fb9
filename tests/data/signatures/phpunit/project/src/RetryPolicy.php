<?php
declare(strict_types=1);

namespace Billing;

/** Delays (ms) between payment-provider retries, within a total time budget. */
final class RetryPolicy
{
    public function __construct(private int $firstDelayMs = 100, private float $factor = 2.0, private int $budgetMs = 10_000)
    {
    }

    /** How many retries fit into the budget. */
    public function attempts(): int
    {
        $n = 0;
        $delay = $this->firstDelayMs;
        $total = 0;
        while ($total + $delay <= $this->budgetMs) {
            $n++;
            $total += $delay;
            $delay = (int) ($delay * $this->factor);
        }
        return $n;
    }

    /** @return list<int> */
    public function schedule(): array
    {
        $delays = [];
        $delay = $this->firstDelayMs;
        for ($i = $this->attempts(); $i > 0; $i--) {
            $delays[] = $delay;
            $delay = (int) ($delay * $this->factor);
        }
        return $delays;
    }
}
