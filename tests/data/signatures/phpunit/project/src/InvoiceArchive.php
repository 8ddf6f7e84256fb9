<?php
declare(strict_types=1);

namespace Billing;

/** Stores rendered invoices under <root>/<year>/<month>/<number>.pdf */
final class InvoiceArchive
{
    private string $monthDir;

    public function __construct(private string $root, ?\DateTimeImmutable $now = null)
    {
        $now ??= new \DateTimeImmutable();
        $this->monthDir = $root . '/' . $now->format('Y/m');
        if (!is_dir($this->monthDir) && !@mkdir($this->monthDir, 0775)) {
            throw new \RuntimeException("cannot create {$this->monthDir}");
        }
    }

    public function store(string $number, string $pdf): string
    {
        $path = "{$this->monthDir}/{$number}.pdf";
        file_put_contents($path, $pdf);
        return $path;
    }

    public function has(string $number): bool
    {
        return is_file("{$this->monthDir}/{$number}.pdf");
    }
}
