// A real SMTP server for the notify module's mailer tests (src/notify/mailer_test.cpp):
// nodemailer's smtp-server on 127.0.0.1, several listeners with different settings.
//
//   node tests/mail/smtp-server.mjs CERT.pem KEY.pem OUT_DIR
//
// Every listener requires AUTH with user "kaifang" and password "口令-Test-123" (the password
// is not ASCII on purpose: AUTH must send it as UTF-8). Each accepted message is written to
// OUT_DIR/<n>.eml; each authentication attempt appends "<port> <method> <username> <ok|fail>" to
// OUT_DIR/auth.log (never the password). Recipients starting with "reject" are refused with a
// 550 reply that echoes the address, as real servers do. Prints one JSON line with the ports, then serves until
// stdin closes or the process is killed:
//   starttls  STARTTLS offered, AUTH PLAIN and LOGIN (only after STARTTLS)
//   login     STARTTLS offered, AUTH LOGIN only
//   tls       implicit TLS (port 465 style), AUTH PLAIN and LOGIN
//   plain     no STARTTLS at all, AUTH accepted over the clear connection (so a client that
//             wrongly sends credentials unencrypted would succeed and be recorded)
import { createRequire } from 'node:module';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { SMTPServer } = require('smtp-server');

const [certFile, keyFile, outDir] = process.argv.slice(2);
if (!certFile || !keyFile || !outDir) {
  process.stderr.write('usage: smtp-server.mjs CERT.pem KEY.pem OUT_DIR\n');
  process.exit(2);
}
const cert = readFileSync(certFile);
const key = readFileSync(keyFile);
export const USER = 'kaifang';
export const PASSWORD = '口令-Test-123';

let count = 0;

function listener(name, options) {
  const server = new SMTPServer({
    logger: false,
    banner: `kaifang test server (${name})`,
    key,
    cert,
    size: 1 << 20,
    disableReverseLookup: true,
    ...options,
    onAuth(auth, session, callback) {
      const good = auth.username === USER && auth.password === PASSWORD;
      appendFileSync(
        path.join(outDir, 'auth.log'),
        `${server.server.address().port} ${auth.method} ${auth.username} ${good ? 'ok' : 'fail'}\n`,
      );
      if (!good) return callback(new Error('Invalid username or password'));
      callback(null, { user: auth.username });
    },
    onRcptTo(address, session, callback) {
      if (address.address.startsWith('reject')) {
        const err = new Error(`<${address.address}>: Recipient address rejected: User unknown`);
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        count += 1;
        const header = `X-Test-Listener: ${name}\r\nX-Test-Secure: ${session.secure}\r\n` +
          `X-Test-User: ${session.user}\r\nX-Test-Envelope-To: ${session.envelope.rcptTo.map((r) => r.address).join(',')}\r\n`;
        writeFileSync(path.join(outDir, `${count}.eml`), header + Buffer.concat(chunks).toString('utf8'));
        callback(null, 'queued');
      });
    },
  });
  server.on('error', (err) => process.stderr.write(`smtp-server ${name}: ${err.message}\n`));
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve([name, server])));
}

const servers = await Promise.all([
  listener('starttls', { authMethods: ['PLAIN', 'LOGIN'] }),
  listener('login', { authMethods: ['LOGIN'] }),
  listener('tls', { secure: true, authMethods: ['PLAIN', 'LOGIN'] }),
  listener('plain', { authMethods: ['PLAIN', 'LOGIN'], disabledCommands: ['STARTTLS'], allowInsecureAuth: true }),
]);
const ports = Object.fromEntries(servers.map(([name, s]) => [name, s.server.address().port]));
process.stdout.write(JSON.stringify(ports) + '\n');

// The test closes our stdin (or dies): then stop.
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
