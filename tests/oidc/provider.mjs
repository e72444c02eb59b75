// A real OpenID Connect provider for the OIDC login tests (tests/http/oidc_test.cpp): panva's
// oidc-provider with its development login and consent pages, one confidential client.
//
//   node tests/oidc/provider.mjs PORT REDIRECT_URI
//
// Any login name and password sign in. The account's claims stand in for a provincial unified
// identity platform's: the login name as preferred_username, a made-up real name and identity
// number (valid check digit) for logins starting with "verified", none for the others. Prints one
// JSON line {"issuer": …, "client_id": …, "client_secret": …} once it listens on 127.0.0.1:PORT,
// then serves until it is killed.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { default: Provider } = await import('oidc-provider').catch(() => ({ default: require('oidc-provider') }));

const [port, redirectUri] = process.argv.slice(2);
if (!port || !redirectUri) {
  process.stderr.write('usage: provider.mjs PORT REDIRECT_URI\n');
  process.exit(2);
}
const issuer = `http://127.0.0.1:${port}`;
const client = { client_id: 'kaifang', client_secret: 'kaifang-oidc-secret-2026' };

const provider = new Provider(issuer, {
  clients: [{ ...client, redirect_uris: [redirectUri], response_types: ['code'], grant_types: ['authorization_code'] }],
  scopes: ['openid', 'profile', 'idcard', 'phone'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'preferred_username'],
    idcard: ['id_number'],
    phone: ['phone_number'],
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['kaifang-oidc-test-cookie-key'] },
  async findAccount(ctx, sub) {
    return {
      accountId: sub,
      async claims() {
        const claims = { sub, preferred_username: sub };
        if (sub.startsWith('verified')) {
          claims.name = '张三丰';
          claims.id_number = '11010519491231002X';
          claims.phone_number = '13800138000';
        }
        return claims;
      },
    };
  },
});
provider.proxy = false;

const server = provider.listen(Number(port), '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer, ...client })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
