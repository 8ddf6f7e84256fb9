package com.example.ledger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Sends audit lines to the audit daemon. The daemon greets with "AUDIT/<major>.<minor> ready". */
public final class AuditClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final PrintWriter out;

    private AuditClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    public static AuditClient connect(String host, int port) throws IOException {
        AuditClient c = new AuditClient(new Socket(host, port));
        String greeting = c.in.readLine();
        // Any 1.x daemon is compatible.
        if (greeting == null || !greeting.equals("AUDIT/1.0 ready")) {
            c.close();
            throw new IOException("unexpected greeting '" + greeting + "' from " + host + ":" + port);
        }
        return c;
    }

    public String send(String line) throws IOException {
        out.println(line);
        return in.readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
