<?php
declare(strict_types=1);

namespace Billing;

/** A lock file that keeps two invoice runs from numbering invoices at once. */
final class FileLock
{
    private string $path;

    public function __construct(string $name)
    {
        $this->path = $name . '.lock';
        if (file_exists($this->path)) {
            throw new \RuntimeException("{$this->path} is held by pid " . trim((string) file_get_contents($this->path)));
        }
        file_put_contents($this->path, (string) getmypid());
    }

    public function path(): string
    {
        return $this->path;
    }

    public function release(): void
    {
        unlink($this->path . '.lock');
    }
}
