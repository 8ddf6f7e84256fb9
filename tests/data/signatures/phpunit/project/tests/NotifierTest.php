<?php
declare(strict_types=1);

namespace Billing\Tests;

use Billing\Notifier;
use PHPUnit\Framework\TestCase;

/** Runs a real HTTP endpoint on 127.0.0.1:<ephemeral port> in a forked child. */
final class NotifierTest extends TestCase
{
    private int $child = 0;
    private string $url = '';

    protected function setUp(): void
    {
        $server = stream_socket_server('tcp://127.0.0.1:0', $errno, $errstr);
        $this->url = 'http://' . stream_socket_get_name($server, false) . '/hooks/billing';
        $pid = pcntl_fork();
        if ($pid === 0) {
            while ($conn = @stream_socket_accept($server, 30)) {
                $head = '';
                while (($line = fgets($conn)) !== false && $line !== "\r\n") {
                    $head .= $line;
                }
                preg_match('/^Content-Length: (\d+)/mi', $head, $m);
                $body = isset($m[1]) ? fread($conn, (int) $m[1]) : '';
                if (!preg_match('#^Content-Type: application/json#mi', $head)) {
                    fwrite($conn, "HTTP/1.1 415 Unsupported Media Type\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                } else {
                    $out = json_encode(['ok' => true, 'received' => json_decode($body, true)]);
                    fwrite($conn, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " . strlen($out) . "\r\nConnection: close\r\n\r\n" . $out);
                }
                fclose($conn);
            }
            posix_kill(posix_getpid(), SIGKILL);
        }
        fclose($server);
        $this->child = $pid;
    }

    protected function tearDown(): void
    {
        posix_kill($this->child, SIGKILL);
        pcntl_waitpid($this->child, $status);
    }

    public function testInvoicePaidIsAccepted(): void
    {
        $res = (new Notifier($this->url))->invoicePaid('INV-2024-0001', 11900);
        self::assertTrue($res['ok']);
    }

    public function testAmountIsSent(): void
    {
        $res = (new Notifier($this->url))->invoicePaid('INV-2024-0002', 4999);
        self::assertSame(4999, $res['received']['amount_cents']);
    }

    public function testInvoiceNumberIsSent(): void
    {
        $res = (new Notifier($this->url))->invoicePaid('INV-2024-0003', 100);
        self::assertSame('INV-2024-0003', $res['received']['invoice']);
    }
}
