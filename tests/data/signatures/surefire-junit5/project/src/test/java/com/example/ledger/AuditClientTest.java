package com.example.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Talks to a fake audit daemon (protocol 1.2) on an ephemeral port. */
class AuditClientTest {
    private static ServerSocket server;
    private static Thread daemon;
    private static AuditClient client;

    @BeforeAll
    static void startDaemonAndConnect() throws IOException {
        server = new ServerSocket(0);
        daemon = new Thread(AuditClientTest::serve, "audit-daemon-" + server.getLocalPort());
        daemon.setDaemon(true);
        daemon.start();
        client = AuditClient.connect("127.0.0.1", server.getLocalPort());
    }

    private static void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
                out.println("AUDIT/1.2 ready");
                for (String line; (line = in.readLine()) != null; ) out.println("OK " + line.length());
            } catch (IOException e) {
                return;
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (client != null) client.close();
        server.close();
    }

    @Test
    void acknowledgesLine() throws IOException {
        assertEquals("OK 5", client.send("hello"));
    }

    @Test
    void acknowledgesTransfer() throws IOException {
        assertEquals("OK 14", client.send("transfer 12.00"));
    }
}
