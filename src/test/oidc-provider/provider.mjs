// A local OpenID provider for the social sign-in end-to-end tests.
//
// The tests need a real, certified provider rather than a mock, so that a
// browser walks the same redirects, cookies and form posts a person would.
// oidc-provider is fetched from npm at test time; only this file is ours.
//
// Environment:
//   PORT           port on 127.0.0.1; 0 (the default) picks a free one.
//   CLIENT_ID      the one static client (default: auth-service).
//   CLIENT_SECRET  its secret (default: a random one, which is only useful
//                  to a test that reads it back, so tests should set it).
//   REDIRECT_URI   its redirect URI; several may be given, space-separated.
//   AUTO_CONSENT   "false" shows the dev consent page; otherwise consent is
//                  granted at once, as a first-party provider would.
//
// The login page is oidc-provider's devInteractions page: any login and any
// password sign in, the login typed becomes the account id and its email,
// and the email is verified. Once listening it prints one line,
// "ready http://127.0.0.1:PORT", which a test waits for.

import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';

import Provider from 'oidc-provider';

const env = process.env;
const host = '127.0.0.1';
const clientId = env.CLIENT_ID || 'auth-service';
const clientSecret = env.CLIENT_SECRET || randomBytes(24).toString('base64url');
const redirectUris = (env.REDIRECT_URI || 'http://127.0.0.1:8081/callback').split(/\s+/).filter(Boolean);
const autoConsent = env.AUTO_CONSENT !== 'false';

// A fresh signing key per run: tests read it from jwks_uri, never from disk.
const signingKey = {
  ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
  kid: `test-${randomBytes(4).toString('hex')}`,
  use: 'sig',
  alg: 'RS256',
};

// The account is whatever the login form was given; the email is trusted as
// verified because that is what the sign-in flow under test must handle.
async function findAccount(_ctx, id) {
  return {
    accountId: id,
    async claims() {
      return {
        sub: id,
        email: id,
        email_verified: true,
        name: id.split('@')[0],
      };
    },
  };
}

// Skipping consent keeps the browser test to one page, as with providers
// that remember consent; AUTO_CONSENT=false brings the dev consent page back.
async function loadExistingGrant(ctx) {
  const { client, session, result } = ctx.oidc;
  const grantId = result?.consent?.grantId || session.grantIdFor(client.clientId);
  if (grantId) {
    return ctx.oidc.provider.Grant.find(grantId);
  }
  if (!autoConsent || !session.accountId) {
    return undefined;
  }
  const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
  grant.addOIDCScope('openid email profile');
  await grant.save();
  return grant;
}

const server = createServer();

server.listen(Number(env.PORT || 0), host, () => {
  const { port } = server.address();
  const issuer = `http://${host}:${port}`;

  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      response_types: ['code'],
      grant_types: ['authorization_code'],
      // oidc-provider takes the secret by Basic auth or in the form alike.
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    scopes: ['openid', 'email', 'profile'],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    // Put the scope's claims in the ID token too, as Google does, so the
    // service need not call userinfo.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    // Lifetimes in seconds, short because a test run is short; saying them
    // also keeps oidc-provider's notices about defaults out of the log.
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    features: { devInteractions: { enabled: true } },
    findAccount,
    loadExistingGrant,
  });

  // Errors only, and only their messages: no codes or tokens in the log.
  provider.on('server_error', (_ctx, err) => console.error('server_error', err));
  for (const event of ['authorization.error', 'grant.error', 'userinfo.error']) {
    provider.on(event, (_ctx, err) => console.error(event, err.message, err.error_description || ''));
  }

  server.on('request', provider.callback());
  console.log(`ready ${issuer}`);
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
