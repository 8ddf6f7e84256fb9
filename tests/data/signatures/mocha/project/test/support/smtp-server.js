// A tiny SMTP relay on 127.0.0.1:<ephemeral port> that records what it accepts.
import net from 'node:net';

export async function startSmtp() {
  const messages = [];
  const sockets = new Set();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.setEncoding('utf8');
    let buf = '';
    let inData = false;
    let current = { rcpt: [], data: '' };
    sock.write('220 relay.test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk;
      if (inData) {
        const end = buf.indexOf('\r\n.\r\n');
        if (end < 0) return;
        current.data = buf.slice(0, end);
        buf = buf.slice(end + 5);
        inData = false;
        messages.push(current);
        current = { rcpt: [], data: '' };
        sock.write('250 2.0.0 queued\r\n');
      }
      let i;
      while (!inData && (i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        const m = /^RCPT TO:<(.*)>$/.exec(line);
        if (m && !m[1].includes('@')) {
          sock.write(`550 5.1.1 <${m[1]}>: Recipient address rejected\r\n`);
        } else if (m) {
          current.rcpt.push(m[1]);
          sock.write('250 2.1.5 ok\r\n');
        } else if (line === 'DATA') {
          inData = true;
          sock.write('354 end data with <CR><LF>.<CR><LF>\r\n');
        } else if (line === 'QUIT') {
          sock.end('221 bye\r\n');
        } else {
          sock.write('250 ok\r\n');
        }
      }
    });
    sock.on('error', () => {});
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const close = () => new Promise((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(resolve);
  });
  return { port: server.address().port, messages, close };
}
