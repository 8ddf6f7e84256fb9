// Minimal SMTP client (enough for our relay): HELO, MAIL, RCPT, DATA, QUIT.
import net from 'node:net';
import { randomBytes } from 'node:crypto';

export class SmtpError extends Error {
  constructor(code, text, where) {
    super(`${code} ${text} (${where})`);
    this.code = code;
  }
}

export class Mailer {
  constructor({ host = '127.0.0.1', port = 25, heloName = 'notifier.local' } = {}) {
    this.host = host;
    this.port = port;
    this.heloName = heloName;
  }

  async send({ from, to, subject, body }) {
    const session = randomBytes(3).toString('hex');
    const where = `${this.host}:${this.port} session ${session}`;
    const sock = net.connect(this.port, this.host);
    sock.setEncoding('utf8');
    const lines = [];
    let waiter = null;
    let buf = '';
    sock.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        lines.push(buf.slice(0, i));
        buf = buf.slice(i + 2);
      }
      if (waiter && lines.length) { const w = waiter; waiter = null; w(); }
    });
    const reply = async () => {
      if (!lines.length) await new Promise((resolve) => { waiter = resolve; });
      const line = lines.shift();
      const code = Number(line.slice(0, 3));
      if (code >= 400) throw new SmtpError(code, line.slice(4), where);
      return code;
    };
    const cmd = async (line) => { sock.write(`${line}\r\n`); return reply(); };
    try {
      await new Promise((resolve, reject) => { sock.once('connect', resolve); sock.once('error', reject); });
      await reply();
      await cmd(`HELO ${this.heloName}`);
      await cmd(`MAIL FROM:<${from}>`);
      if (Array.isArray(to)) {
        for (const rcpt in to) await cmd(`RCPT TO:<${rcpt}>`);
      } else {
        await cmd(`RCPT TO:<${to}>`);
      }
      await cmd('DATA');
      const text = `Subject: ${subject}\r\nMessage-ID: <${session}@${this.heloName}>\r\n\r\n${body.replace(/\n/g, '\r\n')}`;
      sock.write(text.endsWith('\r\n') ? text : `${text}\r\n.\r\n`);
      await reply();
      await cmd('QUIT');
      return { session };
    } finally {
      sock.destroy();
    }
  }
}
