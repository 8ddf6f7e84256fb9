package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transfers are audited; the suite shares one audit connection to a 1.3 daemon. */
class AuditedTransferTest {
    private static ServerSocket server;
    private static AuditClient audit;

    @BeforeAll
    static void connectAudit() throws IOException {
        server = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept();
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                out.println("AUDIT/1.3 ready");
                s.getInputStream().read();
            } catch (IOException ignored) {
                // server closed
            }
        }, "audit-" + UUID.randomUUID().toString().substring(0, 8));
        t.setDaemon(true);
        t.start();
        audit = AuditClient.connect("127.0.0.1", server.getLocalPort());
    }

    @AfterAll
    static void disconnect() throws IOException {
        if (audit != null) audit.close();
        server.close();
    }

    @Test
    void transferIsAudited() throws IOException {
        Ledger ledger = new Ledger();
        Account a = ledger.open(BigDecimal.ZERO);
        ledger.deposit(a, BigDecimal.TEN);
        assertEquals("OK", audit.send("deposit " + a.id()).substring(0, 2));
    }
}
